/*
 * random.h: random variates from a caller-supplied stream of uniforms, in
 * plain C: standard normal (Box-Muller) and gamma (Marsaglia-Tsang).  Used by
 * the stockpile simulation; the generator itself stays in the glue
 * (PostgreSQL's pg_prng), so a seed gives the same variates everywhere.
 */
#ifndef DP_RANDOM_H
#define DP_RANDOM_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Uniform deviates in [0, 1), delivered in chunks by the caller's generator
 * (the glue uses PostgreSQL's pg_prng_double), so that the core stays free
 * of PostgreSQL and the same seed always gives the same stream.
 */
typedef void (*RndFill) (void *ctx, double *buf, int32_t n);

#define RND_CHUNK 256

typedef struct RndStream
{
	RndFill fill;
	void	   *ctx;
	int32_t		pos;			/* next unused element of buf */
	bool		has_spare;		/* second normal deviate of a Box-Muller pair */
	double		spare;
	double		buf[RND_CHUNK];
} RndStream;

extern void rnd_init(RndStream *u, RndFill fill, void *ctx);
/* The next uniform deviate in [0, 1). */
extern double rnd_uniform(RndStream *u);
/* A standard normal deviate (Box-Muller: r = sqrt(-2 ln(1 - u1)), z = r cos(2 pi u2), then r sin(2 pi u2)). */
extern double rnd_normal(RndStream *u);
/* A gamma deviate with the given shape and mean 1 (Marsaglia-Tsang; shape < 1 boosted by U^(1/shape)). */
extern double rnd_gamma_unit(RndStream *u, double shape);

#endif
