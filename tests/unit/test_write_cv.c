/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_write_cv.c - the Europass CV XML (Candidate) writer and the
 * structural checker that shares its table: a dossier converted in
 * memory must pass the check, broken variants must not, and so must the
 * two example documents in shared/europass/candidate/examples (found
 * through L2E_TEST_SHARED; skipped when that folder is absent).
 */
#include "test.h"

#include <stdlib.h>

#include <lob2europass/lob2europass.h>

#include "core/buf.h"
#include "validate/cv_check.h"
#include "europass/cv_spec.h"

static const char *mapping =
    "{\"lob2europass_mapping\": 1, \"name\": \"cv-test\",\n"
    " \"source\": {\"format\": \"json\", "
    "\"records\": [\"items\", \".\"]},\n"
    " \"dossier\": {\"key\": \"nr\"},\n"
    " \"opt_in\": [\"career.text\", \"person.birth_date\", "
    "\"person.gender\", \"person.nationality\", \"person.city\", "
    "\"person.country\", \"person.phone\"],\n"
    " \"profile\": {\n"
    "  \"document\": {\"created\": \"$root.at\", \"locale\": "
    "{\"value\": \"nl\"}},\n"
    "  \"person\": {\"first_name\": \"fn\", \"surname_prefix\": \"tv\", "
    "\"surname\": \"sn\", \"email\": \"mail\", \"birth_date\": \"born\", "
    "\"gender\": \"sex\", \"nationality\": \"nat\", \"city\": \"city\", "
    "\"country\": \"land\", \"phone\": \"tel\"},\n"
    "  \"headline\": {\"text\": \"summary\"},\n"
    "  \"education\": {\"each\": \"edu\", \"fields\": {\"title\": \"t\", "
    "\"organisation\": \"o\", \"city\": \"c\", \"country\": \"l\", "
    "\"from\": \"van\", \"to\": \"tot\", \"ongoing\": \"loopt\", "
    "\"eqf_level\": \"eqf\", \"activities\": \"act\"}},\n"
    "  \"work\": {\"each\": \"bpv\", \"fields\": {\"position\": \"rol\", "
    "\"employer\": \"org\", \"city\": \"c\", \"country\": \"l\", "
    "\"from\": \"van\", \"to\": \"tot\", \"ongoing\": \"loopt\", "
    "\"activities\": \"taken\", \"programme\": \"prog\"}},\n"
    "  \"languages\": {\"each\": \"talen\", \"fields\": {\"code\": \"c\", "
    "\"label\": \"naam\", \"mother_tongue\": \"moeder\", "
    "\"listening\": \"lu\", \"reading\": \"le\", "
    "\"spoken_interaction\": \"gi\", \"spoken_production\": \"gp\", "
    "\"writing\": \"sc\"}},\n"
    "  \"digital_skills\": {\"each\": \"digi\", \"fields\": "
    "{\"label\": \".\"}},\n"
    "  \"certificates\": {\"each\": \"cert\", \"fields\": "
    "{\"title\": \"t\", \"code\": \"code\", "
    "\"awarding_body\": \"door\", \"date\": \"d\", "
    "\"url\": \"url\"}},\n"
    "  \"career\": {\"each\": \"lob\", \"fields\": {\"title\": \"t\", "
    "\"text\": \"x\"}}\n"
    " }}";

static const char *input =
    "{\"at\": \"2025-07-03T09:15:00+02:00\", \"items\": [{"
    "\"nr\": \"0204518\", \"fn\": \"Zo\xC3\xAB\", \"tv\": \"van der\", "
    "\"sn\": \"Testra & <Co>\", \"mail\": \"zoe@voorbeeld.invalid\", "
    "\"born\": \"2007-02\", \"sex\": \"F\", \"nat\": \"GR\", "
    "\"city\": \"Assen\", \"land\": \"NL\", \"tel\": \"0612345678\", "
    "\"summary\": \"Eerste alinea.\\n\\nTweede < derde\\nregel.\", "
    "\"edu\": [{\"t\": \"Medewerker Voorbeeld\", \"o\": \"ROC X\", "
    "\"c\": \"Assen\", \"l\": \"NL\", \"van\": \"2023-08\", "
    "\"tot\": \"2026-07-31\", \"loopt\": true, \"eqf\": \"3\", "
    "\"act\": \"Crebo 90001\"}, {\"t\": \"Vmbo\", \"tot\": \"2023\"}],"
    "\"bpv\": [{\"rol\": \"Praktikantin\", \"org\": \"Backstube\", "
    "\"c\": \"Thessaloniki\", \"l\": \"GR\", \"van\": \"2024-09-02\", "
    "\"tot\": \"2025-01-31\", \"taken\": \"Deeg & ovens\", "
    "\"prog\": \"Erasmus+ KA121\"}, {\"org\": \"Café\", \"l\": \"GB\", "
    "\"van\": \"2025-03\", \"loopt\": true}],"
    "\"talen\": [{\"c\": \"nl\", \"moeder\": true}, {\"naam\": "
    "\"Papiaments\", \"moeder\": true}, {\"c\": \"en\", \"lu\": \"B1\", "
    "\"le\": \"B2\", \"gi\": \"A2\", \"gp\": \"A2\", \"sc\": \"B1\"}, "
    "{\"c\": \"de\", \"gi\": \"A2\"}],"
    "\"digi\": [\"Canva\", \"Kassa\", \"Canva\"],"
    "\"cert\": [{\"t\": \"Heftruck\", \"door\": \"Instituut\", "
    "\"d\": \"2025-03-07\", \"url\": \"https://x.invalid/1\"}],"
    "\"lob\": [{\"t\": \"Netwerken\", \"x\": \"Zelf contact gelegd.\"}, "
    "{\"x\": \"Zonder titel.\"}]}]}";

/* The CV of `json`, in a buffer the caller disposes. */
static int convert_json(l2e_buf *out, const char *json)
{
	l2e_ctx_options o = L2E_CTX_OPTIONS_INIT;
	l2e_ctx *ctx = NULL;
	l2e_mapping *map = NULL;
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;
	int error;

	o.document_time = 1751526900;
	if ((error = l2e_ctx_new(&ctx, &o)) < 0)
		goto done;
	if ((error = l2e_mapping_load_memory(&map, ctx, "m.json", mapping,
	                                     strlen(mapping), NULL)) < 0 ||
	    (error = l2e_input_open_memory(&in, ctx, map, "in.json", json,
	                                   strlen(json))) < 0 ||
	    (error = l2e_input_next(&d, in)) < 0)
		goto done;
	error = !d || l2e_dossier_status_get(d) != L2E_DOSSIER_OK
	            ? -1
	            : l2e_dossier_write(out, ctx, d, L2E_FORMAT_EUROPASS_CV);
done:
	if (error < 0 && l2e_ctx_error(ctx))
		fprintf(stderr, "%s\n", l2e_ctx_error(ctx)->message);
	l2e_dossier_free(d);
	l2e_input_free(in);
	l2e_mapping_free(map);
	l2e_ctx_free(ctx);
	return error;
}

static int convert(l2e_buf *out)
{
	return convert_json(out, input);
}

/* Findings, collected into one string for CHECK_CONTAINS. */
typedef struct findings {
	char text[4096];
	size_t len;
} findings;

static void collect(unsigned line, const char *message, void *payload)
{
	findings *f = payload;
	int n = snprintf(f->text + f->len, sizeof(f->text) - f->len, "%u: %s\n",
	                 line, message);

	if (n > 0 && (size_t)n < sizeof(f->text) - f->len)
		f->len += (size_t)n;
}

static int check(findings *f, const char *xml)
{
	memset(f, 0, sizeof(*f));
	return l2e__cv_check_memory(xml, strlen(xml), collect, f);
}

static void test_write_cv__document(void)
{
	l2e_buf xml = L2E_BUF_INIT;
	findings f;

	CHECK_INT(0, convert(&xml));
	if (!xml.ptr)
		return;
	CHECK_CONTAINS(xml.ptr,
	               "<Candidate "
	               "xmlns=\"http://www.europass.eu/1.0\" "
	               "xmlns:oa=\"http://www.openapplications.org/oagis/9\""
	               " xmlns:eures=\"http://www.europass_eures.eu/1.0\""
	               " xmlns:hr=\"http://www.hr-xml.org/3\"");
	/* the surname prefix as the docs keep it; markup escaped */
	CHECK_CONTAINS(xml.ptr, "<oa:GivenName>Zo\xC3\xAB</oa:GivenName>");
	CHECK_CONTAINS(xml.ptr, "<hr:FamilyName prefix=\"van der\">Testra "
	                        "&amp; &lt;Co&gt;</hr:FamilyName>");
	CHECK_CONTAINS(xml.ptr, "<hr:PartyName>Owner</hr:PartyName>");
	CHECK_CONTAINS(xml.ptr, "<ChannelCode>Email</ChannelCode>\n"
	                        "      <oa:URI>zoe@voorbeeld.invalid</oa:URI>");
	CHECK_CONTAINS(xml.ptr, "<oa:CityName>Assen</oa:CityName>\n"
	                        "        <CountryCode>nl</CountryCode>");
	CHECK_CONTAINS(xml.ptr, "<NationalityCode>el</NationalityCode>");
	CHECK_CONTAINS(xml.ptr, "<hr:BirthDate>2007-02</hr:BirthDate>");
	CHECK_CONTAINS(xml.ptr, "<GenderCode>Female</GenderCode>");
	CHECK(strstr(xml.ptr, "0612345678") == NULL); /* no dialling code */
	/* mother tongues: ISO 639-2/T, or the label */
	CHECK_CONTAINS(xml.ptr, "<PrimaryLanguageCode name=\"NORMAL\">nld<");
	CHECK_CONTAINS(xml.ptr, "<PrimaryLanguageCode name=\"FREE_TEXT\">"
	                        "Papiaments<");
	CHECK_CONTAINS(xml.ptr, "<CandidateProfile languageCode=\"nl\">");
	CHECK_CONTAINS(xml.ptr,
	               "<hr:ExecutiveSummary>&lt;p&gt;Eerste alinea."
	               "&lt;/p&gt;&lt;p&gt;Tweede &amp;lt; derde&lt;br&gt;"
	               "regel.&lt;/p&gt;</hr:ExecutiveSummary>");
	/* work: programme in the description, EC country codes, periods */
	CHECK_CONTAINS(xml.ptr, "<PositionTitle typeCode=\"FREETEXT\">"
	                        "Praktikantin</PositionTitle>");
	CHECK_CONTAINS(xml.ptr,
	               "<oa:Description>&lt;p&gt;Erasmus+ KA121"
	               "&lt;/p&gt;&lt;p&gt;Deeg &amp;amp; ovens&lt;/p&gt;"
	               "</oa:Description>");
	CHECK_CONTAINS(xml.ptr, "<Country>el</Country>");
	CHECK_CONTAINS(xml.ptr, "<Country>uk</Country>");
	CHECK_CONTAINS(xml.ptr, "<hr:FormattedDateTime>2024-09-02<");
	CHECK_CONTAINS(xml.ptr, "<hr:FormattedDateTime>2025-03</hr:Formatted"
	                        "DateTime>\n            </eures:StartDate>\n"
	                        "            <hr:CurrentIndicator>true<");
	CHECK_CONTAINS(xml.ptr, "<hr:CurrentIndicator>false<");
	/* education: an ongoing one drops its end date; year precision */
	CHECK_CONTAINS(xml.ptr, "<hr:FormattedDateTime>2023-08</hr:Formatted"
	                        "DateTime>\n          </StartDate>\n"
	                        "          <Ongoing>true</Ongoing>");
	CHECK(strstr(xml.ptr, "2026-07-31") == NULL);
	CHECK_CONTAINS(xml.ptr, "<EndDate>\n            <hr:FormattedDateTime>"
	                        "2023</hr:FormattedDateTime>");
	CHECK_CONTAINS(xml.ptr, "<hr:DegreeName>Medewerker Voorbeeld<");
	CHECK_CONTAINS(xml.ptr, "listName=\"EURES_EQF\"");
	CHECK_CONTAINS(xml.ptr, "ConceptScheme\">3</EducationLevelCode>");
	/* languages: the five CEF dimensions, in grid order */
	CHECK_CONTAINS(xml.ptr, "<CompetencyID schemeName=\"NORMAL\">eng<");
	CHECK_CONTAINS(xml.ptr, "<CompetencyID schemeName=\"NORMAL\">deu<");
	CHECK(strstr(xml.ptr, "CEF-Understanding-Listening") <
	      strstr(xml.ptr, "CEF-Writing-Production"));
	CHECK_CONTAINS(xml.ptr, "CEF-Speaking-Production</hr:Competency"
	                        "DimensionTypeCode>\n          <eures:Score>\n"
	                        "            <hr:ScoreText>A2<");
	/* digital skills once each; certificates; career texts */
	CHECK_CONTAINS(xml.ptr, "<hr:CompetencyName>Canva<");
	CHECK(strstr(strstr(xml.ptr, ">Canva<") + 1, ">Canva<") == NULL);
	CHECK_CONTAINS(xml.ptr, "<hr:CertificationName>Heftruck<");
	CHECK_CONTAINS(xml.ptr, "<Name>Instituut</Name>");
	CHECK_CONTAINS(xml.ptr, "<Link>https://x.invalid/1</Link>");
	CHECK_CONTAINS(xml.ptr,
	               "<Title>Loopbaancompetenties</Title>\n"
	               "      <Other>\n        <Title>Netwerken</Title>");
	CHECK_CONTAINS(xml.ptr,
	               "<Other>\n        <Title>Loopbaancompetenties"
	               "</Title>\n        <Description>&lt;p&gt;Zonder");
	CHECK_CONTAINS(xml.ptr, "<Title>work-experience</Title>");
	CHECK_CONTAINS(xml.ptr, "<Title>certifications</Title>");

	CHECK_INT(0, check(&f, xml.ptr));
	if (f.len)
		fprintf(stderr, "%s", f.text);
	l2e_buf_dispose(&xml);
}

/* A dossier with a surname only: every required element is there. */
static void test_write_cv__minimal(void)
{
	l2e_buf xml = L2E_BUF_INIT;
	findings f;

	CHECK_INT(0, convert_json(&xml, "{\"nr\": \"1\", \"sn\": \"X\"}"));
	if (!xml.ptr)
		return;
	CHECK_CONTAINS(xml.ptr, "<oa:GivenName></oa:GivenName>\n"
	                        "        <hr:FamilyName>X</hr:FamilyName>");
	CHECK(strstr(xml.ptr, "<EducationHistory>") == NULL);
	CHECK_CONTAINS(xml.ptr, "<SectionsOrder/>");
	CHECK_INT(0, check(&f, xml.ptr));
	CHECK_STR("", f.text);
	l2e_buf_dispose(&xml);
}

static void test_write_cv__reproducible(void)
{
	l2e_buf a = L2E_BUF_INIT, b = L2E_BUF_INIT;
	const char *id;

	CHECK_INT(0, convert(&a));
	CHECK_INT(0, convert(&b));
	CHECK(a.ptr && b.ptr && strcmp(a.ptr, b.ptr) == 0);
	/* an RFC 9562 version 8 UUID */
	id = a.ptr ? strstr(a.ptr, "<hr:DocumentID schemeID=\"") : NULL;
	CHECK(id != NULL);
	if (id) {
		id += strlen("<hr:DocumentID schemeID=\"");
		CHECK_INT('-', id[8]);
		CHECK_INT('8', id[14]);
		CHECK(strchr("89ab", id[19]) != NULL);
		CHECK_INT('"', id[36]);
	}
	l2e_buf_dispose(&a);
	l2e_buf_dispose(&b);
}

/* `xml` with the first `from` replaced by `to`, in a static buffer */
static const char *replaced(const char *xml, const char *from, const char *to)
{
	static char out[16384];
	const char *at = strstr(xml, from);

	if (!at || strlen(xml) - strlen(from) + strlen(to) >= sizeof(out))
		return "not found";
	snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - xml), xml, to,
	         at + strlen(from));
	return out;
}

static const char *small_cv =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Candidate xmlns=\"http://www.europass.eu/1.0\" "
    "xmlns:hr=\"http://www.hr-xml.org/3\" "
    "xmlns:oa=\"http://www.openapplications.org/oagis/9\" "
    "xmlns:eures=\"http://www.europass_eures.eu/1.0\">\n"
    "<hr:DocumentID schemeID=\"x\"/>\n"
    "<CandidateSupplier><hr:PartyID/><hr:PartyName>Owner</hr:PartyName>"
    "<PersonContact><PersonName><oa:GivenName>A</oa:GivenName>"
    "<hr:FamilyName>B</hr:FamilyName></PersonName></PersonContact>"
    "<hr:PrecedenceCode>1</hr:PrecedenceCode></CandidateSupplier>\n"
    "<CandidatePerson><PersonName><oa:GivenName>A</oa:GivenName>"
    "<hr:FamilyName>B</hr:FamilyName></PersonName></CandidatePerson>\n"
    "<CandidateProfile languageCode=\"nl\">\n"
    "<EmploymentHistory><EmployerHistory><PositionHistory>"
    "<eures:EmploymentPeriod><eures:StartDate><hr:FormattedDateTime>"
    "2024-02-29</hr:FormattedDateTime></eures:StartDate>"
    "<hr:CurrentIndicator>true</hr:CurrentIndicator>"
    "</eures:EmploymentPeriod></PositionHistory></EmployerHistory>"
    "</EmploymentHistory>\n"
    "<EducationHistory><EducationOrganizationAttendance>"
    "<hr:OrganizationName>ROC</hr:OrganizationName>"
    "</EducationOrganizationAttendance></EducationHistory>\n"
    "</CandidateProfile>\n"
    "</Candidate>\n";

static void test_write_cv__broken(void)
{
	static const struct {
		const char *from, *to, *finding;
	} cases[] = {
		/* wrong order */
		{ "<oa:GivenName>A</oa:GivenName>"
		  "<hr:FamilyName>B</hr:FamilyName>",
		  "<hr:FamilyName>B</hr:FamilyName>"
		  "<oa:GivenName>A</oa:GivenName>",
		  "4: <oa:GivenName> comes after <hr:FamilyName> in "
		  "<PersonName>" },
		{ "<EmploymentHistory>",
		  "<EducationHistory><Education"
		  "OrganizationAttendance/></EducationHistory>"
		  "<EmploymentHistory>",
		  "<EmploymentHistory> comes after <EducationHistory>" },
		/* unknown elements, wrong namespace */
		{ "</CandidateProfile>",
		  "<Hobbies>x</Hobbies></CandidateProfile>",
		  "<Hobbies> is not an element of <CandidateProfile>" },
		{ "<oa:GivenName>A</oa:GivenName>", "<GivenName>A</GivenName>",
		  "<GivenName> is not an element of <PersonName>" },
		{ "<hr:PartyName>Owner</hr:PartyName>",
		  "<hr:PartyName>Owner<b>!</b></hr:PartyName>",
		  "<b> is not an element of <hr:PartyName>, which holds text" },
		/* dates and booleans */
		{ "2024-02-29", "2023-02-29",
		  "<hr:FormattedDateTime>: \"2023-02-29\" is not a date" },
		{ "2024-02-29", "2024-13", "\"2024-13\" is not a date" },
		{ "2024-02-29", "29-02-2024", "\"29-02-2024\" is not a date" },
		{ ">true<", ">yes<",
		  "<hr:CurrentIndicator>: \"yes\" is not "
		  "true or false" },
		/* required, repeated, text in the wrong place */
		{ "<eures:StartDate><hr:FormattedDateTime>2024-02-29</hr:"
		  "FormattedDateTime></eures:StartDate>",
		  "", "<eures:EmploymentPeriod> lacks <eures:StartDate>" },
		{ "<CandidatePerson><PersonName><oa:GivenName>A</oa:GivenName>"
		  "<hr:FamilyName>B</hr:FamilyName></PersonName>",
		  "<CandidatePerson>", "<CandidatePerson> lacks <PersonName>" },
		{ "<hr:PrecedenceCode>1</hr:PrecedenceCode>",
		  "<hr:PrecedenceCode>1</hr:PrecedenceCode>"
		  "<hr:PrecedenceCode>2</hr:PrecedenceCode>",
		  "<hr:PrecedenceCode> more than 1 time in "
		  "<CandidateSupplier>" },
		{ "<EmploymentHistory>", "hello<EmploymentHistory>",
		  "<CandidateProfile> holds text; only elements belong there" },
		/* the root */
		{ "<Candidate xmlns=\"http://www.europass.eu/1.0\"",
		  "<Candidate "
		  "xmlns=\"http://europass.cedefop.europa.eu/Europass\"",
		  "the root is <Candidate> in http://europass.cedefop."
		  "europa.eu/Europass, not <Candidate> in "
		  "http://www.europass.eu/1.0" },
	};
	findings f;
	size_t i;
	int n;

	CHECK_INT(0, check(&f, small_cv));
	CHECK_STR("", f.text);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		n = check(&f, replaced(small_cv, cases[i].from, cases[i].to));
		if (n < 1 || !strstr(f.text, cases[i].finding))
			fprintf(stderr, "case %zu: %d finding(s):\n%s", i, n,
			        f.text);
		CHECK(n >= 1);
		CHECK_CONTAINS(f.text, cases[i].finding);
	}

	/* not well-formed, or an entity to expand: an error, no expansion */
	CHECK_INT(L2E_EPARSE, check(&f, "<Candidate><oops></Candidate>"));
	CHECK_CONTAINS(f.text, "not well-formed XML");
	CHECK(check(&f, "<!DOCTYPE Candidate [<!ENTITY e \"x\">]>"
	                "<Candidate xmlns=\"http://www.europass.eu/1.0\">&e;"
	                "</Candidate>") > 0);
	CHECK_CONTAINS(f.text, "a DOCTYPE is not expected");
	CHECK_CONTAINS(f.text, "<Candidate> holds an entity reference");
}

/* The writer's own output, with two sections swapped, must fail. */
static void test_write_cv__broken_output(void)
{
	l2e_buf xml = L2E_BUF_INIT, swapped = L2E_BUF_INIT;
	const char *work, *work_end, *edu_end;
	findings f;

	CHECK_INT(0, convert(&xml));
	work = xml.ptr ? strstr(xml.ptr, "    <EmploymentHistory>") : NULL;
	work_end = work ? strstr(work, "</EmploymentHistory>\n") : NULL;
	edu_end = work_end ? strstr(work_end, "</EducationHistory>\n") : NULL;
	CHECK(edu_end != NULL);
	if (!edu_end) {
		l2e_buf_dispose(&xml);
		return;
	}
	work_end += strlen("</EmploymentHistory>\n");
	edu_end += strlen("</EducationHistory>\n");
	CHECK_INT(0, l2e__buf_printf(&swapped, "%.*s%.*s%.*s%s",
	                             (int)(work - xml.ptr), xml.ptr,
	                             (int)(edu_end - work_end), work_end,
	                             (int)(work_end - work), work, edu_end));
	CHECK_INT(1, check(&f, swapped.ptr));
	CHECK_CONTAINS(f.text, "<EmploymentHistory> comes after "
	                       "<EducationHistory> in <CandidateProfile>");
	CHECK_INT(1, check(&f, replaced(xml.ptr, "<hr:FormattedDateTime>2023<",
	                                "<hr:FormattedDateTime>2023-7<")));
	CHECK_CONTAINS(f.text, "\"2023-7\" is not a date");
	l2e_buf_dispose(&swapped);
	l2e_buf_dispose(&xml);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data = NULL;
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (data = malloc((size_t)n + 1))) {
		*len = fread(data, 1, (size_t)n, fp);
		data[*len] = '\0';
	}
	fclose(fp);
	return data;
}

static void test_write_cv__examples(void)
{
	static const char *const names[] = { "J0ker98-full.xml",
		                             "J0ker98-minimal.xml" };
	const char *shared = getenv("L2E_TEST_SHARED");
	char path[1024];
	char *data;
	size_t i, len = 0;
	findings f;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path),
		         "%s/europass/candidate/examples/%s",
		         shared ? shared : "", names[i]);
		if (!shared || !(data = read_file(path, &len))) {
			printf("skipped: %s not found (L2E_TEST_SHARED)\n",
			       path);
			continue;
		}
		memset(&f, 0, sizeof(f));
		CHECK_INT(0, l2e__cv_check_memory(data, len, collect, &f));
		CHECK_STR("", f.text);
		free(data);
	}
}

static void test_write_cv__spec(void)
{
	const l2e__cv_elem *a, *b;
	size_t i, j;

	CHECK_STR("Candidate", l2e__cv_spec[0].name);
	CHECK_INT(-1, l2e__cv_spec[0].parent);
	for (i = 1; i < l2e__cv_spec_n; i++) {
		a = &l2e__cv_spec[i];
		CHECK(a->name != NULL);
		if (!a->name)
			continue;
		CHECK(a->parent >= 0 && (size_t)a->parent < l2e__cv_spec_n);
		CHECK(a->order < L2E__CV_MAX_CHILDREN);
		CHECK(a->max_occurs == L2E__CV_UNBOUNDED ||
		      a->max_occurs >= a->min_occurs);
		CHECK_INT(L2E__CV_ELEMENTS, l2e__cv_spec[a->parent].content);
		/* one rank, and one name, per child of a parent */
		for (j = 1; j < i; j++) {
			b = &l2e__cv_spec[j];
			if (b->parent != a->parent)
				continue;
			if (b->order == a->order ||
			    (b->ns == a->ns && !strcmp(b->name, a->name)))
				fprintf(stderr, "rows %zu and %zu clash\n", j,
				        i);
			CHECK(b->order != a->order);
			CHECK(b->ns != a->ns || strcmp(b->name, a->name) != 0);
		}
	}
}

static void test_write_cv__codes(void)
{
	char c[3];

	CHECK_STR("nld", l2e__cv_language("nl"));
	CHECK_STR("eng", l2e__cv_language("en"));
	CHECK_STR("deu", l2e__cv_language("de"));
	CHECK_STR("ell", l2e__cv_language("el"));
	CHECK_STR("tir", l2e__cv_language("ti"));
	CHECK_STR("pap", l2e__cv_language("pap"));
	CHECK(l2e__cv_language("xx") == NULL);
	l2e__cv_country(c, "GR");
	CHECK_STR("el", c);
	l2e__cv_country(c, "GB");
	CHECK_STR("uk", c);
	l2e__cv_country(c, "CW");
	CHECK_STR("cw", c);
	CHECK(l2e__cv_is_date("2025"));
	CHECK(l2e__cv_is_date("2025-07"));
	CHECK(l2e__cv_is_date("2024-02-29"));
	CHECK(l2e__cv_is_date("2025-07-03T09:15:00"));
	CHECK(!l2e__cv_is_date("2025-7"));
	CHECK(!l2e__cv_is_date("2025-00"));
	CHECK(!l2e__cv_is_date("1900-02-29"));
	CHECK(!l2e__cv_is_date("2025-04-31"));
	CHECK(!l2e__cv_is_date("2025-07-03T24:00:00"));
	CHECK(!l2e__cv_is_date("2025-07-03Z"));
	CHECK(!l2e__cv_is_date(""));
}

static const test_case cases[] = {
	TEST_CASE(test_write_cv__document),
	TEST_CASE(test_write_cv__minimal),
	TEST_CASE(test_write_cv__reproducible),
	TEST_CASE(test_write_cv__broken),
	TEST_CASE(test_write_cv__broken_output),
	TEST_CASE(test_write_cv__examples),
	TEST_CASE(test_write_cv__spec),
	TEST_CASE(test_write_cv__codes),
};

TEST_MAIN(cases)
