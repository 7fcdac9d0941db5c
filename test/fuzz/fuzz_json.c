/*
 * fuzz_json: the jsonb -> capvec reader (capvec_from_jsonb's core part) on
 * structured input.  The glue hands the reader the root's kind, its members
 * and the elements of "values"; here they come from lines of text:
 *
 *   line 1:          the root's kind, a digit (CvJsonKind: 0 null, 1 string,
 *                    2 number, 3 bool, 4 array, 5 object)
 *   member lines:    key TAB kind-digit TAB text
 *   a line "--",     then element lines: kind-digit TAB text
 *
 * (see corpus/json/ for examples).  Accepted input gives a well-formed
 * vector; every fault is a well-formed error.
 */
#include "fuzz.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_MEMBERS 8

/* Split "kind TAB text" at p; returns the kind (the text is NUL-terminated in place). */
static CvJsonKind
item_of(char *line, CvJsonItem *item)
{
	char	   *tab = strchr(line, '\t');

	item->kind = (CvJsonKind) ((line[0] >= '0' && line[0] <= '5') ? line[0] - '0' : 0);
	item->text = tab ? tab + 1 : "";
	item->len = strlen(item->text);
	return item->kind;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *s = fuzz_cstring(data, size);
	char	   *save = NULL;
	char	   *line = strtok_r(s, "\n", &save);
	CvJsonKind	root = CV_JSON_OBJECT;
	CvJsonMember m[MAX_MEMBERS];
	int			count = 0;
	DpPeriod	p;
	int64_t		start;
	DpError		e;

	if (line != NULL)
	{
		root = (CvJsonKind) ((line[0] >= '0' && line[0] <= '5') ? line[0] - '0' : 5);
		line = strtok_r(NULL, "\n", &save);
	}
	for (; line != NULL && strcmp(line, "--") != 0 && count < MAX_MEMBERS;
		 line = strtok_r(NULL, "\n", &save))
	{
		char	   *tab = strchr(line, '\t');

		if (tab == NULL)
			continue;
		*tab = '\0';
		m[count].key = line;
		m[count].keylen = strlen(line);
		item_of(tab + 1, &m[count].value);
		count++;
	}
	if (!cv_json_header(root, m, count, &p, &start, &e))
		fuzz_check_error(&e, fuzz_utf8_valid((const char *) data, size));
	else
	{
		double		v[64];
		int32_t		n = 0;
		bool		ok = true;

		FUZZ_ASSERT(root == CV_JSON_OBJECT && count == 3);
		for (line = line ? strtok_r(NULL, "\n", &save) : NULL; line != NULL && n < 64;
			 line = strtok_r(NULL, "\n", &save))
		{
			CvJsonItem	item;

			item_of(line, &item);
			if (!cv_json_value(&item, n, &v[n], NULL, &e))
			{
				fuzz_check_error(&e, fuzz_utf8_valid((const char *) data, size));
				FUZZ_ASSERT(e.code == DP_ERR_NULL || e.code == DP_ERR_ARG || e.code == DP_ERR_RANGE);
				FUZZ_ASSERT(item.kind != CV_JSON_NUMBER || e.code != DP_ERR_NULL);
				ok = false;
				break;
			}
			FUZZ_ASSERT(item.kind == CV_JSON_NUMBER);
			n++;
		}
		if (ok)
		{
			fuzz_check_vector(p, start, v, n);
			fuzz_check_round_trip(p, start, v, n);
		}
	}
	free(s);
	return 0;
}
