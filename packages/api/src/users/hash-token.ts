/**
 * Makes a token for a user of PCSIM_USERS_FILE and prints it once, with the users-file entry that
 * stores only its scrypt hash:
 *
 *   node_modules/.bin/tsx packages/api/src/users/hash-token.ts alice admin
 */
import { hashToken } from './token-hash.ts'
import { newToken, USER_NAME } from './users.ts'

const [name = '', role = 'user'] = process.argv.slice(2)
if (!USER_NAME.test(name) || (role !== 'admin' && role !== 'user')) {
  process.stderr.write('usage: hash-token.ts <name: a-z 0-9 _ -> [admin|user]\n')
  process.exit(2)
}
const token = newToken(name)
process.stdout.write(`token (give it to ${name}; it is not stored): ${token}\n`)
process.stdout.write(`users-file entry: ${JSON.stringify({ name, role, tokenHash: await hashToken(token) })}\n`)
