/* The kernel of the engine's portfolioMultiples (packages/engine/src/run/portfolio-study.ts) in C,
   the bound the JavaScript is measured against (`pnpm bench`, line power-law-c): Alea draws, a
   bounded Pareto by exp/log, in blocks of 256 trials.
   Usage: kernel ALPHA LOW HIGH SHIFT TRIALS DEALS (bench/run.ts passes the reference fund's). Each block's generator is seeded from its number by an
   integer hash, not by Mash as in the engine: seeding is 391 calls in 2.5 million draws. Prints
   {"seconds": median CPU seconds of 7 runs after a warm one, "mean": mean portfolio multiple}. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#define BLOCK 256
#define RUNS 7
typedef struct { double s0, s1, s2, c; } alea;
static inline double next(alea *r) {
  double t = 2091639.0 * r->s0 + r->c * 2.3283064365386963e-10;
  r->s0 = r->s1; r->s1 = r->s2;
  r->c = (double)(int32_t)t;
  return r->s2 = t - r->c;
}
static double cpu(void) { struct timespec ts; clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); return ts.tv_sec + ts.tv_nsec * 1e-9; }
static double alpha, low, high, shift, *out;
static int trials, deals;
static double run(int seed) {
  const double ratio = 1 - pow(low / high, alpha), inv = -1 / alpha;
  double sums[BLOCK];
  double t0 = cpu();
  for (int block = 0; block * BLOCK < trials; block++) {
    uint32_t h = (uint32_t)(block * 2654435761u) ^ (uint32_t)seed;
    alea r = { (h % 4294967291u) * 2.3283064365386963e-10, ((h * 40503u) >> 1) * 2.3283064365386963e-10, ((h ^ 0x9e3779b9u) >> 2) * 2.3283064365386963e-10, 1 };
    for (int j = 0; j < BLOCK; j++) sums[j] = 0;
    for (int d = 0; d < deals; d++)
      for (int j = 0; j < BLOCK; j++) {
        double u = next(&r); if (!(u > 0)) u = 0x1p-40;
        double x = low * exp(inv * log(1 - u * ratio)) - shift;
        sums[j] += x > 0 ? x : 0;
      }
    int to = (block + 1) * BLOCK < trials ? (block + 1) * BLOCK : trials;
    for (int t = block * BLOCK; t < to; t++) out[t] = sums[t - block * BLOCK] / deals;
  }
  return cpu() - t0;
}
static int by_value(const void *a, const void *b) { double x = *(const double *)a, y = *(const double *)b; return (x > y) - (x < y); }
int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s ALPHA LOW HIGH SHIFT TRIALS DEALS\n", argv[0]);
    return 2;
  }
  alpha = atof(argv[1]), low = atof(argv[2]), high = atof(argv[3]), shift = atof(argv[4]);
  trials = atoi(argv[5]), deals = atoi(argv[6]);
  if (!(alpha > 0 && low > 0 && high > low && trials > 0 && deals > 0) || !(out = malloc(sizeof *out * trials))) {
    fprintf(stderr, "need ALPHA > 0, 0 < LOW < HIGH, TRIALS > 0, DEALS > 0\n");
    return 2;
  }
  double s[RUNS], m = 0;
  run(0);
  for (int i = 0; i < RUNS; i++) s[i] = run(i + 1);
  for (int i = 0; i < trials; i++) m += out[i];
  qsort(s, RUNS, sizeof s[0], by_value);
  printf("{\"seconds\": %.6f, \"mean\": %.6f}\n", s[RUNS / 2], m / trials);
  return 0;
}
