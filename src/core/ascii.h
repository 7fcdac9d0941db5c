/*
 * ascii.h: character classes for parsers, ASCII only.
 *
 * The <ctype.h> functions follow the server's LC_CTYPE (in a Latin-1 locale
 * byte 0xA0 is a space and 0xE9 a letter), which would let an IMMUTABLE
 * input function read the same text differently on two servers.  The text
 * forms are ASCII, so the core classifies characters with these instead.
 */
#ifndef DP_ASCII_H
#define DP_ASCII_H

#include <stdbool.h>

static inline bool
ascii_isdigit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
ascii_isalpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* the C locale's white space: space, \t, \n, \v, \f, \r */
static inline bool
ascii_isspace(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static inline char
ascii_tolower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c;
}

#endif
