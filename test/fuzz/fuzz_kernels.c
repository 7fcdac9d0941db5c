/*
 * fuzz_kernels: the numerical kernels on structured random input, checking
 * the invariants they promise for every finite input:
 *  - allocation (every policy, with and without backlog): each allocation in
 *    [0, requested], their sum (in claimant order) at most the capacity, and
 *    either every request met or the capacity used up to rounding;
 *  - resampling between any two periods: totals kept to 1e-9 relative;
 *  - forecasts (every method): finite for finite input of ordinary size;
 *  - stock projections, dates, probabilities, level rate, capacity gap and
 *    lot sizing: finite results in their ranges, or an error, never NaN.
 * The first byte chooses the kernel; the rest are its arguments (fuzz.h).
 */
#include "fuzz.h"
#include "core/forecast_core.h"
#include "core/harmonize_core.h"
#include "core/stockpile_core.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_N 48
#define MAX_CLAIMANTS 12

/* A non-negative finite double (magnitudes as fuzz_double). */
static double
nonneg(FuzzBytes *b)
{
	return fabs(fuzz_double(b)) + 0.0;
}

/* A period kind and a boundary start in the middle of the calendar. */
static void
period_and_start(FuzzBytes *b, DpPeriod *p, int64_t *first)
{
	*p = (DpPeriod) (fuzz_take(b, 1) % DP_NPERIODS);
	/* around 2000-01-01 .. 2100: far from the calendar's ends */
	*first = cal_index(*p, (int64_t) (fuzz_take(b, 2) % 36500));
}

static void
fuzz_allocation(FuzzBytes *b)
{
	int32_t		n = 1 + (int32_t) (fuzz_take(b, 1) % MAX_CLAIMANTS);
	HarmPolicy	policy = (HarmPolicy) (fuzz_take(b, 1) % 3);
	bool		carry = fuzz_take(b, 1) & 1;
	int32_t		periods = 1 + (int32_t) (fuzz_take(b, 1) % 6);
	double		weights[MAX_CLAIMANTS],
				demand[MAX_CLAIMANTS],
				req[MAX_CLAIMANTS],
				alloc[MAX_CLAIMANTS],
				backlog[MAX_CLAIMANTS] = {0};
	int32_t		prio[MAX_CLAIMANTS];
	bool		use_weights = fuzz_take(b, 1) & 1;
	void	   *work = malloc(harm_work_size(n));
	HarmAlloc	a;
	DpError		e;

	for (int i = 0; i < n; i++)
	{
		weights[i] = nonneg(b);
		prio[i] = (int32_t) (int8_t) fuzz_take(b, 1);
	}
	if (!harm_init(&a, policy, n, use_weights ? weights : NULL, prio, carry, work, NULL, &e))
	{
		fuzz_check_error(&e, true);
		free(work);
		return;
	}
	for (int32_t t = 0; t < periods; t++)
	{
		double		capacity = nonneg(b),
					sum = 0,
					unmet = 0;

		for (int i = 0; i < n; i++)
			demand[i] = nonneg(b);
		if (!harm_step(&a, 8766 + t, capacity, demand, req, alloc, backlog, &e))
		{
			fuzz_check_error(&e, true);
			FUZZ_ASSERT(e.code == DP_ERR_RANGE);
			break;
		}
		for (int i = 0; i < n; i++)
		{
			FUZZ_ASSERT(isfinite(req[i]) && isfinite(alloc[i]) && isfinite(backlog[i]));
			FUZZ_ASSERT(alloc[i] >= 0 && alloc[i] <= req[i]);
			FUZZ_ASSERT(backlog[i] >= 0);
			sum += alloc[i];
			unmet += req[i] - alloc[i];
		}
		FUZZ_ASSERT(sum <= capacity);
		/* every request met, or the capacity used up to rounding (absolute among subnormals) */
		FUZZ_ASSERT(unmet <= 1e-9 * (sum + unmet) || capacity - sum <= 1e-9 * capacity + 1e-300);
	}
	free(work);
}

static void
fuzz_resample(FuzzBytes *b)
{
	DpPeriod	sp,
				tp = (DpPeriod) (fuzz_take(b, 1) % DP_NPERIODS);
	int64_t		s0,
				t0,
				tn;
	int32_t		sn = (int32_t) (fuzz_take(b, 1) % MAX_N);
	double		sv[MAX_N],
				total = 0,
				scale = 0,
				out_total = 0;
	double	   *out;

	period_and_start(b, &sp, &s0);
	for (int32_t i = 0; i < sn; i++)
	{
		sv[i] = fuzz_double(b) / 64;	/* MAX_N of them sum to a finite total */
		total += sv[i];
		scale += fabs(sv[i]);
	}
	cv_resample_span(sp, s0, cal_index_start(sp, s0), sn, tp, &t0, &tn);
	FUZZ_ASSERT(tn >= 0 && tn <= (int64_t) sn * 366 + 1);
	out = calloc((size_t) (tn > 0 ? tn : 1), sizeof(double));
	cv_resample(sp, s0, cal_index_start(sp, s0), sv, sn, tp, t0, cal_index_start(tp, t0), out);
	for (int64_t j = 0; j < tn; j++)
	{
		FUZZ_ASSERT(isfinite(out[j]));
		out_total += out[j];
	}
	/* relative, and absolute among subnormals (whose precision is absolute) */
	FUZZ_ASSERT(fabs(out_total - total) <= 1e-9 * scale + 1e-300);
	free(out);
}

static void
fuzz_forecast(FuzzBytes *b)
{
	/* histories of up to 32 periods (fits cost more per period than the other kernels) */
	int32_t		n = (int32_t) (fuzz_take(b, 1) % 33);
	FcMethod	m = (FcMethod) (fuzz_take(b, 1) % (FC_AUTO + 1));
	int32_t		h = (int32_t) (fuzz_take(b, 1) % 30);
	double		y[MAX_N],
				fc[32];
	FcSeries	s = {y, n, DP_MONTH, 24288};
	FcParams	params;
	FcModel		model;
	double	   *work = malloc(sizeof(double) * fc_work_len(n > 0 ? n : 1));
	DpError		e;
	uint8_t		given = (uint8_t) fuzz_take(b, 1);

	/* histories of ordinary size (within 1e12), non-negative as demand is */
	for (int32_t i = 0; i < n; i++)
	{
		y[i] = fmin(nonneg(b), 1e12);
	}
	memset(&params, 0, sizeof(params));
	params.has_alpha = given & 1;
	params.alpha = (double) fuzz_take(b, 1) / 255;
	params.has_beta = given & 2;
	params.beta = (double) fuzz_take(b, 1) / 255;
	params.has_phi = given & 4;
	params.phi = (double) fuzz_take(b, 1) / 255;
	params.has_window = given & 8;
	params.window_size = (int32_t) fuzz_take(b, 1);
	if (!fc_fit(&s, m, &params, h, work, NULL, &model, &e))
		fuzz_check_error(&e, true);
	else
	{
		fc_forecast(&model, fc, h);
		for (int32_t i = 0; i < h; i++)
			FUZZ_ASSERT(isfinite(fc[i]));
	}
	free(work);
}

static void
fuzz_stock(FuzzBytes *b)
{
	DpPeriod	p;
	int64_t		first,
				day;
	int32_t		n = (int32_t) (fuzz_take(b, 1) % MAX_N);
	double		on_hand = nonneg(b),
				threshold = fuzz_double(b),
				supply[MAX_N],
				demand[MAX_N],
				sd[MAX_N],
				prob[MAX_N],
				days;
	bool		backorder = fuzz_take(b, 1) & 1,
				found,
				isnull;
	StockRow	rows[MAX_N];
	DpError		e;

	period_and_start(b, &p, &first);
	for (int32_t i = 0; i < n; i++)
	{
		supply[i] = nonneg(b);
		demand[i] = nonneg(b);
		sd[i] = nonneg(b);
	}
	if (stock_project(on_hand, supply, demand, n, backorder, rows, &e))
		for (int32_t i = 0; i < n; i++)
		{
			FUZZ_ASSERT(isfinite(rows[i].opening) && isfinite(rows[i].closing));
			FUZZ_ASSERT(rows[i].shortfall >= 0 && isfinite(rows[i].shortfall));
			FUZZ_ASSERT(backorder || rows[i].closing >= 0);
		}
	else
		fuzz_check_error(&e, true);
	if (stock_depletion_day(on_hand, p, first, supply, demand, n, threshold, &day, &found, &e))
		FUZZ_ASSERT(!found || (day >= cal_index_start(p, first) && day < cal_index_start(p, first + n) + 1));
	else
		fuzz_check_error(&e, true);
	if (stock_replenish_day(on_hand, p, first, supply, demand, n, fabs(threshold), backorder, &day,
							&found, &e))
		FUZZ_ASSERT(!found || (day >= cal_index_start(p, first) && day <= cal_index_start(p, first + n)));
	else
		fuzz_check_error(&e, true);
	if (stock_days_of_supply(on_hand, p, first, demand, n, &days, &isnull, &e))
		FUZZ_ASSERT(isnull || (days >= 0 && !isnan(days)));
	else
		fuzz_check_error(&e, true);
	if (stock_stockout_probability(on_hand, supply, demand, sd, n, prob, &e))
		for (int32_t i = 0; i < n; i++)
			FUZZ_ASSERT(prob[i] >= 0 && prob[i] <= 1);
	else
		fuzz_check_error(&e, true);
}

static void
fuzz_harmonize(FuzzBytes *b)
{
	DpPeriod	p;
	int64_t		first;
	int32_t		n = 1 + (int32_t) (fuzz_take(b, 1) % MAX_N),
				lead = (int32_t) fuzz_take(b, 4);
	double		d[MAX_N],
				c[MAX_N],
				orders[MAX_N],
				on_hand = fuzz_double(b),
				final_stock = fuzz_double(b),
				min_lot = fuzz_double(b),
				multiple = fuzz_double(b),
				out;
	DpError		e;

	period_and_start(b, &p, &first);
	for (int32_t i = 0; i < n; i++)
	{
		d[i] = nonneg(b);
		c[i] = nonneg(b);
	}
	if (harm_level_rate(d, n, p, first, on_hand, lead, final_stock, &out, &e))
		FUZZ_ASSERT(isfinite(out) && out >= 0);
	else
		fuzz_check_error(&e, true);
	if (harm_capacity_gap(d, first, n, c, first + (int64_t) (fuzz_take(b, 1) % 8), n, p, on_hand,
						  &out, &e))
		FUZZ_ASSERT(isfinite(out) && out >= 0);
	else
		fuzz_check_error(&e, true);
	if (harm_lot_sizing(d, n, p, first, min_lot, multiple, on_hand, orders, &e))
		for (int32_t i = 0; i < n; i++)
			FUZZ_ASSERT(isfinite(orders[i]) && orders[i] >= 0);
	else
		fuzz_check_error(&e, true);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FuzzBytes	b = {data, size};

	switch (fuzz_take(&b, 1) % 5)
	{
		case 0:
			fuzz_allocation(&b);
			break;
		case 1:
			fuzz_resample(&b);
			break;
		case 2:
			fuzz_forecast(&b);
			break;
		case 3:
			fuzz_stock(&b);
			break;
		default:
			fuzz_harmonize(&b);
			break;
	}
	return 0;
}
