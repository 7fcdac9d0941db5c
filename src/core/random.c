/*
 * random.c: normal and gamma variates from a stream of uniforms (see
 * random.h).
 */
#include "random.h"

#include <math.h>

void
rnd_init(RndStream *u, RndFill fill, void *ctx)
{
	u->fill = fill;
	u->ctx = ctx;
	u->pos = RND_CHUNK;
	u->has_spare = false;
	u->spare = 0.0;
}

double
rnd_uniform(RndStream *u)
{
	if (u->pos == RND_CHUNK)
	{
		u->fill(u->ctx, u->buf, RND_CHUNK);
		u->pos = 0;
	}
	return u->buf[u->pos++];
}

double
rnd_normal(RndStream *u)
{
	double		u1,
				u2,
				r,
				theta;

	if (u->has_spare)
	{
		u->has_spare = false;
		return u->spare;
	}
	/* Box-Muller; 1 - u1 lies in (0, 1], so the logarithm is finite */
	u1 = rnd_uniform(u);
	u2 = rnd_uniform(u);
	r = sqrt(-2.0 * log(1.0 - u1));
	theta = 2.0 * M_PI * u2;
	u->spare = r * sin(theta);
	u->has_spare = true;
	return r * cos(theta);
}

/*
 * Marsaglia & Tsang (2000), "A simple method for generating gamma variables":
 * d = a - 1/3, c = 1/sqrt(9d), v = (1 + cz)^3, accept d v on the squeeze
 * u < 1 - 0.0331 z^4 or on log u < z^2/2 + d (1 - v + log v).  For a < 1,
 * G(a) = G(a + 1) U^(1/a).  Returned divided by a, so the mean is 1.
 */
double
rnd_gamma_unit(RndStream *u, double shape)
{
	double		a = shape < 1 ? shape + 1 : shape;
	double		d = a - 1.0 / 3.0;
	double		c = 1.0 / sqrt(9.0 * d);
	double		g;

	for (;;)
	{
		double		z = rnd_normal(u);
		double		v = 1.0 + c * z;
		double		w;

		if (v <= 0)
			continue;
		v = v * v * v;
		w = rnd_uniform(u);
		if (w < 1.0 - 0.0331 * (z * z) * (z * z) ||
			log(w) < 0.5 * z * z + d * (1.0 - v + log(v)))
		{
			g = d * v;
			break;
		}
	}
	if (shape < 1)
		g *= exp(log(1.0 - rnd_uniform(u)) / shape);
	return g / shape;
}
