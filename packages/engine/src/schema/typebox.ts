/**
 * TypeBox, for the engine, through this one module. The build (scripts/build.mjs) replaces its
 * compiled file with a bundle of the TypeBox code it reaches, so compiled code loads one file
 * where TypeBox's own build has ~680 (most of the CLI's start-up and of each worker thread's).
 */
export { Type, type TSchema } from 'typebox'
export { Value } from 'typebox/value'
