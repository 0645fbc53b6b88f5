/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_codes.c - the code lists of the Europass v3.4.1 schema.
 *
 * Copied from the official XSD (included/EuropassISOCountries_V1.7.0.xsd,
 * countryCode; included/EuropassISOLanguages_V1.10.0.xsd, foreignCode and
 * motherCode), sorted. They are part of the output format, like its
 * element names: a code outside them makes the document invalid, so the
 * writer writes such a country or language as a Label only.
 */
#include "europass/v3_codes.h"

#include <stdlib.h>
#include <string.h>

static const char *const countries[] = {
	"AD", "AE", "AF", "AG", "AL", "AM", "AO", "AR", "AT", "AU", "AZ", "BA",
	"BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BN", "BO", "BR", "BS",
	"BT", "BW", "BY", "BZ", "CA", "CD", "CF", "CG", "CH", "CI", "CL", "CM",
	"CN", "CO", "CR", "CU", "CV", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO",
	"DZ", "EC", "EE", "EG", "EL", "ER", "ES", "ET", "FI", "FJ", "FM", "FR",
	"GA", "GD", "GE", "GH", "GL", "GM", "GN", "GQ", "GT", "GW", "GY", "HN",
	"HR", "HT", "HU", "ID", "IE", "IL", "IN", "IQ", "IR", "IS", "IT", "JM",
	"JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KZ",
	"LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA",
	"MC", "MD", "ME", "MG", "MH", "MK", "ML", "MM", "MN", "MR", "MT", "MU",
	"MV", "MW", "MX", "MY", "MZ", "NA", "NE", "NG", "NI", "NL", "NO", "NP",
	"NR", "NU", "NZ", "OM", "PA", "PE", "PG", "PH", "PK", "PL", "PS", "PT",
	"PW", "PY", "QA", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE",
	"SG", "SI", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SY",
	"SZ", "TD", "TG", "TH", "TJ", "TL", "TM", "TN", "TO", "TR", "TT", "TV",
	"TZ", "UA", "UG", "UK", "US", "UY", "UZ", "VA", "VC", "VE", "VN", "VU",
	"WS", "XK", "YE", "ZA", "ZM", "ZW",
};

static const char *const foreign_languages[] = {
	"ab",      "af",  "am",  "an",      "ar",  "as",  "asq",     "az",
	"be",      "ber", "bfi", "bg",      "bn",  "bo",  "bos-sgn", "bqn",
	"br",      "bs",  "ca",  "ce",      "co",  "cs",  "csc",     "cse",
	"csq",     "cu",  "cy",  "cy-sgn",  "da",  "de",  "dse",     "dsl",
	"el",      "en",  "eo",  "es",      "eso", "et",  "eu",      "fa",
	"fi",      "fil", "fj",  "fo",      "fr",  "fse", "fsl",     "fy",
	"ga",      "gd",  "gl",  "grc",     "gsg", "gss", "gu",      "gv",
	"he",      "hi",  "hr",  "hsh",     "ht",  "hu",  "hy",      "icl",
	"id",      "is",  "ise", "isg",     "it",  "ja",  "jv",      "ka",
	"kg",      "kk",  "km",  "kn",      "ko",  "ku",  "kw",      "ky",
	"la",      "lb",  "li",  "lls",     "ln",  "lo",  "lsl",     "lt",
	"lv",      "mdl", "me",  "me-sgn",  "mg",  "mk",  "mk-sgn",  "ml",
	"mn",      "mo",  "mr",  "ms",      "mt",  "my",  "nb",      "ne",
	"nl",      "nn",  "no",  "nsl",     "oc",  "om",  "ori",     "pa",
	"pl",      "pms", "ps",  "pso",     "psr", "pt",  "rm",      "rms",
	"ro",      "rom", "ru",  "sc",      "sd",  "se",  "sfb",     "sgg",
	"sk",      "sl",  "slf", "slv-sgn", "so",  "sq",  "sqk",     "sr",
	"srp-sgn", "ssp", "ssr", "sv",      "svk", "sw",  "swl",     "ta",
	"te",      "tg",  "th",  "tk",      "tl",  "tr",  "tsm",     "tt",
	"ty",      "uk",  "ur",  "uz",      "vgt", "vi",  "vo",      "wol",
	"xk-sgn",  "yi",  "yo",  "zh",
};

static const char *const mother_languages[] = {
	"ab",  "af",  "am",     "an",      "ar",  "as",  "asq",     "az",
	"be",  "ber", "bfi",    "bg",      "bn",  "bo",  "bos-sgn", "bqn",
	"br",  "bs",  "ca",     "ce",      "co",  "cs",  "csc",     "cse",
	"csq", "cy",  "cy-sgn", "da",      "de",  "dse", "dsl",     "el",
	"en",  "es",  "eso",    "et",      "eu",  "fa",  "fi",      "fil",
	"fj",  "fo",  "fr",     "fse",     "fsl", "fy",  "ga",      "gd",
	"gl",  "gsg", "gss",    "gu",      "gv",  "he",  "hi",      "hr",
	"hsh", "ht",  "hu",     "hy",      "icl", "id",  "is",      "ise",
	"isg", "it",  "ja",     "jv",      "ka",  "kg",  "kk",      "km",
	"kn",  "ko",  "ku",     "kw",      "ky",  "lb",  "li",      "lls",
	"ln",  "lo",  "lsl",    "lt",      "lv",  "mdl", "me",      "me-sgn",
	"mg",  "mk",  "mk-sgn", "ml",      "mn",  "mo",  "mr",      "ms",
	"mt",  "my",  "nb",     "ne",      "nl",  "nn",  "no",      "nsl",
	"om",  "ori", "pa",     "pl",      "pms", "ps",  "pso",     "psr",
	"pt",  "rm",  "rms",    "ro",      "rom", "ru",  "sc",      "sd",
	"se",  "sfb", "sgg",    "sk",      "sl",  "slf", "slv-sgn", "so",
	"sq",  "sqk", "sr",     "srp-sgn", "ssp", "ssr", "sv",      "svk",
	"sw",  "swl", "ta",     "te",      "tg",  "th",  "tk",      "tl",
	"tr",  "tsm", "tt",     "ty",      "uk",  "ur",  "uz",      "vgt",
	"vi",  "wol", "xk-sgn", "yi",      "yo",  "zh",
};

static int cmp(const void *key, const void *elem)
{
	const unsigned char *a = key;
	const unsigned char *b = *(const unsigned char *const *)elem;

	/* codes of two or three letters: by hand, as strcmp was a call
	 * for each of eight steps, for every country and language */
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a - *b;
}

#define IN(list, code)                                                        \
	(bsearch(code, list, sizeof(list) / sizeof(list[0]), sizeof(list[0]), \
	         cmp) != NULL)

int l2e__europass_v3_country(const char *code)
{
	return IN(countries, code);
}

int l2e__europass_v3_language(const char *code, int is_mother_tongue)
{
	return is_mother_tongue ? IN(mother_languages, code)
	                        : IN(foreign_languages, code);
}
