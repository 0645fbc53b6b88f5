/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * test_write_json.c - the Europass v3.4 JSON writer, end to end in
 * memory: a dossier that fills every profile field goes in, and the
 * JSON that comes out is read back with cJSON.
 *
 * Three kinds of checks: the shape the official JSON schema asks for
 * (names, arrays instead of list wrappers, numbers, booleans), that the
 * JSON says exactly what the v3.4 XML of the same dossier says, and that
 * a failing allocation anywhere in the writer gives L2E_ENOMEM and no
 * output.
 */
#include "test.h"

#include <stdarg.h>
#include <stdlib.h>

#include <cJSON.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <lob2europass/lob2europass.h>

#include "fixtures.h"
#ifdef L2E_FAULT_INJECTION
#include "util/alloc.h"
#endif

static const char *mapping =
    "{\"lob2europass_mapping\": 1, \"name\": \"json-test\",\n"
    " \"source\": {\"format\": \"json\", \"records\": \".\"},\n"
    " \"dossier\": {\"key\": \"nr\"},\n"
    " \"opt_in\": [\"career.text\", \"person.phone\", \"person.birth_date\", "
    "\"person.gender\", \"person.nationality\", \"person.address_line\", "
    "\"person.postal_code\", \"person.city\", \"person.country\", "
    "\"person.country_label\"],\n"
    " \"profile\": {\n"
    "  \"document\": {\"created\": \"at\", \"locale\": \"loc\"},\n"
    "  \"person\": {\"first_name\": \"fn\", \"surname_prefix\": \"tv\", "
    "\"surname\": \"sn\", \"email\": \"mail\", \"phone\": \"tel\", "
    "\"birth_date\": \"born\", \"gender\": \"sex\", \"nationality\": "
    "\"nat\", \"address_line\": \"line\", \"postal_code\": \"pc\", "
    "\"city\": \"city\", \"country\": \"land\", \"country_label\": "
    "\"landnaam\"},\n"
    "  \"headline\": {\"text\": \"summary\"},\n"
    "  \"education\": {\"each\": \"edu\", \"fields\": {\"title\": \"t\", "
    "\"organisation\": \"org\", \"city\": \"city\", \"country\": "
    "\"land\", \"from\": \"from\", \"to\": \"to\", \"ongoing\": \"busy\", "
    "\"eqf_level\": \"eqf\", \"field\": \"field\", \"activities\": "
    "\"act\"}},\n"
    "  \"work\": {\"each\": \"work\", \"fields\": {\"position\": \"pos\", "
    "\"employer\": \"org\", \"city\": \"city\", \"country\": \"land\", "
    "\"country_label\": \"landnaam\", \"from\": \"from\", \"to\": \"to\", "
    "\"ongoing\": \"busy\", \"activities\": \"act\", \"description\": "
    "\"desc\", \"programme\": \"prog\"}},\n"
    "  \"languages\": {\"each\": \"lang\", \"fields\": {\"code\": \"c\", "
    "\"label\": \"l\", \"mother_tongue\": \"m\", \"listening\": \"li\", "
    "\"reading\": \"r\", \"spoken_interaction\": \"si\", "
    "\"spoken_production\": \"sp\", \"writing\": \"w\", \"certificate\": "
    "\"cert\", \"certificate_date\": \"cd\"}},\n"
    "  \"digital_skills\": {\"each\": \"dig\", \"fields\": {\"label\": "
    "\"l\", \"area\": \"a\", \"level\": \"lv\"}},\n"
    "  \"certificates\": {\"each\": \"certs\", \"fields\": {\"title\": "
    "\"t\", \"code\": \"c\", \"awarding_body\": \"b\", \"date\": \"d\", "
    "\"url\": \"u\"}},\n"
    "  \"career\": {\"each\": \"lob\", \"fields\": {\"title\": \"t\", "
    "\"text\": \"x\"}}\n"
    " }}";

/* Every field set; codes inside and outside the Europass lists. */
static const char *full =
    "{\"nr\": \"1\", \"at\": \"2025-07-03T09:15:00+02:00\", "
    "\"loc\": \"en\", \"fn\": \"Zo\xC3\xAB\", \"tv\": \"van 't\", "
    "\"sn\": \"Hoff \\\"&\\\" <Co>\", \"mail\": \"z@x.invalid\", "
    "\"tel\": \"+31 6 0000 0000\", \"born\": \"2006-02-01\", "
    "\"sex\": \"F\", \"nat\": \"GR\", \"line\": \"Straat 1\", "
    "\"pc\": \"1234 AB\", \"city\": \"Assen\", \"land\": \"CW\", "
    "\"landnaam\": \"Cura\xC3\xA7\x61o\", "
    "\"summary\": \"Regel 1\\nRegel 2\",\n"
    " \"edu\": [{\"t\": \"Opleiding\", \"org\": \"ROC\", \"city\": "
    "\"Zwolle\", \"land\": \"NL\", \"from\": \"2023-08\", \"to\": "
    "\"2025-06-30\", \"eqf\": \"4\", \"field\": \"Zorg\", \"act\": "
    "\"Kwalificatie\"},\n"
    "  {\"t\": \"Lopend\", \"from\": \"2024\", \"busy\": true, "
    "\"to\": \"2026-01-01\"}],\n"
    " \"work\": [{\"pos\": \"Stagiair\", \"org\": \"A\", \"land\": \"GB\", "
    "\"from\": \"2024-09-02\", \"busy\": true, \"prog\": \"Erasmus+\"},\n"
    "  {\"org\": \"B\", \"city\": \"Willemstad\", \"land\": \"CW\", "
    "\"to\": \"2024-01\", \"desc\": \"Eigen tekst\", \"prog\": \"x\"}],\n"
    " \"lang\": [{\"c\": \"nl\", \"l\": \"Nederlands\", \"m\": true}, "
    "{\"c\": \"ti\", \"m\": true},\n"
    "  {\"c\": \"en\", \"li\": \"B2\", \"r\": \"C1\", \"si\": \"B1\", "
    "\"sp\": \"B1\", \"w\": \"A2\", \"cert\": \"Cambridge\", "
    "\"cd\": \"2025-05\"},\n"
    "  {\"c\": \"pap\", \"l\": \"Papiaments\", \"si\": \"A1\"}],\n"
    " \"dig\": [{\"l\": \"Word\", \"a\": \"content_creation\", "
    "\"lv\": \"A\"}, {\"l\": \"Excel\", \"a\": \"content_creation\", "
    "\"lv\": \"C\"}, {\"a\": \"safety\", \"lv\": \"B\"}],\n"
    " \"certs\": [{\"t\": \"VCA\", \"b\": \"SSVV\", \"d\": \"2024\"}, "
    "{\"t\": \"EHBO\", \"c\": \"E1\", \"d\": \"2024-11-05\"}],\n"
    " \"lob\": [{\"t\": \"Motieven\", \"x\": \"Tekst een.\"}, "
    "{\"x\": \"Zonder titel.\"}]}";

static l2e_ctx *ctx;
static l2e_mapping *map;

static void setup(void)
{
	fixture_mapping_open(&ctx, &map, mapping);
}

static void teardown(void)
{
	fixture_mapping_close(&ctx, &map);
}

/* The first dossier of `json`, converted (caller frees), or NULL. */
static l2e_dossier *dossier(const char *json)
{
	l2e_input *in = NULL;
	l2e_dossier *d = NULL;

	if (l2e_input_open_memory(&in, ctx, map, "in.json", json,
	                          strlen(json)) < 0)
		return NULL;
	if (l2e_input_next(&d, in) < 0)
		d = NULL;
	l2e_input_free(in);
	if (d && l2e_dossier_status_get(d) != L2E_DOSSIER_OK) {
		l2e_dossier_free(d);
		d = NULL;
	}
	return d;
}

/* Follow a path of object keys ("a", "b", NULL); NULL when absent. */
static const cJSON *at(const cJSON *o, const char *first, ...)
{
	va_list ap;
	const char *key;

	va_start(ap, first);
	for (key = first; key && o; key = va_arg(ap, const char *))
		o = cJSON_GetObjectItemCaseSensitive(o, key);
	va_end(ap);
	return o;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(s) ? s->valuestring : NULL;
}

/* A structuredDateType: numbers, and no Month/Day where not given. */
static void check_date(const cJSON *d, int year, int month, int day)
{
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(d, "Year");
	const cJSON *m = cJSON_GetObjectItemCaseSensitive(d, "Month");
	const cJSON *dd = cJSON_GetObjectItemCaseSensitive(d, "Day");

	CHECK(cJSON_IsObject(d));
	CHECK(cJSON_IsNumber(y) && y->valueint == year);
	CHECK(month ? cJSON_IsNumber(m) && m->valueint == month : !m);
	CHECK(day ? cJSON_IsNumber(dd) && dd->valueint == day : !dd);
}

static void test_write_json__shape(void)
{
	l2e_buf out = L2E_BUF_INIT;
	const cJSON *sp, *li, *a, *o;
	cJSON *root = NULL;
	l2e_dossier *d;

	setup();
	d = dossier(full);
	CHECK(d != NULL);
	if (!d)
		goto done;
	CHECK_INT(0, l2e_dossier_write(&out, ctx, d, L2E_FORMAT_EUROPASS_JSON));
	CHECK(out.len > 2 && out.ptr[out.len - 1] == '\n' &&
	      out.ptr[out.len - 2] == '}');
	root = cJSON_Parse(out.ptr);
	CHECK(root != NULL);
	if (!root)
		goto done;
	CHECK_INT(1, cJSON_GetArraySize(root));
	sp = at(root, "SkillsPassport", NULL);
	CHECK_STR("en", str(sp, "Locale"));
	CHECK_STR("ECV", str(at(sp, "DocumentInfo", NULL), "DocumentType"));
	CHECK_STR("2025-07-03T09:15:00+02:00",
	          str(at(sp, "DocumentInfo", NULL), "CreationDate"));
	CHECK_STR("V3.4", str(at(sp, "DocumentInfo", NULL), "XSDVersion"));
	CHECK(cJSON_IsTrue(at(sp, "DocumentInfo", "EuropassLogo", NULL)));
	li = at(sp, "LearnerInfo", NULL);

	/* Identification: joined surname, arrays, EL, CW as a Label */
	o = at(li, "Identification", NULL);
	CHECK_STR("Zo\xC3\xAB", str(at(o, "PersonName", NULL), "FirstName"));
	CHECK_STR("van 't Hoff \"&\" <Co>",
	          str(at(o, "PersonName", NULL), "Surname"));
	CHECK_STR("Straat 1",
	          str(at(o, "ContactInfo", "Address", "Contact", NULL),
	              "AddressLine"));
	a = at(o, "ContactInfo", "Address", "Contact", "Country", NULL);
	CHECK(str(a, "Code") == NULL);
	CHECK_STR("Cura\xC3\xA7\x61o", str(a, "Label"));
	CHECK_STR("z@x.invalid",
	          str(at(o, "ContactInfo", "Email", NULL), "Contact"));
	a = at(o, "ContactInfo", "Telephone", NULL);
	CHECK(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 1);
	CHECK_STR("+31 6 0000 0000", str(cJSON_GetArrayItem(a, 0), "Contact"));
	CHECK(at(o, "ContactInfo", "TelephoneList", NULL) == NULL);
	check_date(at(o, "Demographics", "Birthdate", NULL), 2006, 2, 1);
	CHECK_STR("F", str(at(o, "Demographics", "Gender", NULL), "Code"));
	a = at(o, "Demographics", "Nationality", NULL);
	CHECK(cJSON_IsArray(a));
	CHECK_STR("EL", str(cJSON_GetArrayItem(a, 0), "Code"));

	CHECK_STR("personal_statement",
	          str(at(li, "Headline", "Type", NULL), "Code"));
	CHECK_STR("Regel 1\nRegel 2",
	          str(at(li, "Headline", "Description", NULL), "Label"));

	/* WorkExperience: an array; Current instead of To; UK; programme */
	CHECK(at(li, "WorkExperienceList", NULL) == NULL);
	a = at(li, "WorkExperience", NULL);
	CHECK(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2);
	o = cJSON_GetArrayItem(a, 0);
	check_date(at(o, "Period", "From", NULL), 2024, 9, 2);
	CHECK(cJSON_IsTrue(at(o, "Period", "Current", NULL)));
	CHECK(at(o, "Period", "To", NULL) == NULL);
	CHECK_STR("Erasmus+", str(o, "Description"));
	CHECK_STR("Stagiair", str(at(o, "Position", NULL), "Label"));
	CHECK_STR("UK", str(at(o, "Employer", "ContactInfo", "Address",
	                       "Contact", "Country", NULL),
	                    "Code"));
	o = cJSON_GetArrayItem(a, 1);
	check_date(at(o, "Period", "To", NULL), 2024, 1, 0);
	CHECK(at(o, "Period", "From", NULL) == NULL);
	CHECK_STR("Eigen tekst", str(o, "Description"));
	CHECK_STR("CW", str(at(o, "Employer", "ContactInfo", "Address",
	                       "Contact", "Country", NULL),
	                    "Label"));

	a = at(li, "Education", NULL);
	CHECK(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2);
	o = cJSON_GetArrayItem(a, 0);
	check_date(at(o, "Period", "From", NULL), 2023, 8, 0);
	check_date(at(o, "Period", "To", NULL), 2025, 6, 30);
	CHECK_STR("4", str(at(o, "Level", NULL), "Code"));
	CHECK_STR("Zorg", str(at(o, "Field", NULL), "Label"));
	o = cJSON_GetArrayItem(a, 1);
	check_date(at(o, "Period", "From", NULL), 2024, 0, 0);
	CHECK(cJSON_IsTrue(at(o, "Period", "Current", NULL)));

	/* Languages: ti is not in the v3 list; Certificate replaces
	 * VerifiedBy */
	o = at(li, "Skills", "Linguistic", NULL);
	a = at(o, "MotherTongue", NULL);
	CHECK(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2);
	CHECK_STR("nl", str(at(cJSON_GetArrayItem(a, 0), "Description", NULL),
	                    "Code"));
	CHECK(str(at(cJSON_GetArrayItem(a, 1), "Description", NULL), "Code") ==
	      NULL);
	CHECK_STR("ti", str(at(cJSON_GetArrayItem(a, 1), "Description", NULL),
	                    "Label"));
	a = at(o, "ForeignLanguage", NULL);
	CHECK(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 2);
	CHECK_STR("C1",
	          str(at(cJSON_GetArrayItem(a, 0), "ProficiencyLevel", NULL),
	              "Reading"));
	CHECK(at(cJSON_GetArrayItem(a, 0), "VerifiedBy", NULL) == NULL);
	o = cJSON_GetArrayItem(
	    at(cJSON_GetArrayItem(a, 0), "Certificate", NULL), 0);
	CHECK_STR("Cambridge", str(o, "Title"));
	check_date(at(o, "Date", NULL), 2025, 5, 0);
	CHECK_STR(
	    "Papiaments",
	    str(at(cJSON_GetArrayItem(a, 1), "Description", NULL), "Label"));

	/* Computer: the highest level per area; Other; Achievement */
	o = at(li, "Skills", "Computer", NULL);
	CHECK_STR("Word, Excel", str(o, "Description"));
	CHECK_STR("C", str(at(o, "ProficiencyLevel", NULL), "ContentCreation"));
	CHECK_STR("B", str(at(o, "ProficiencyLevel", NULL), "Safety"));
	CHECK(str(at(o, "ProficiencyLevel", NULL), "Information") == NULL);
	CHECK_STR("Motieven: Tekst een.\n\nZonder titel.",
	          str(at(li, "Skills", "Other", NULL), "Description"));
	a = at(li, "Achievement", NULL);
	CHECK(cJSON_IsArray(a) && cJSON_GetArraySize(a) == 1);
	CHECK_STR("certifications",
	          str(at(cJSON_GetArrayItem(a, 0), "Title", NULL), "Code"));
	CHECK_STR("VCA, SSVV, 2024\nEHBO, E1, 2024-11-05",
	          str(cJSON_GetArrayItem(a, 0), "Description"));
done:
	cJSON_Delete(root);
	l2e_buf_dispose(&out);
	l2e_dossier_free(d);
	teardown();
}

static void test_write_json__minimal(void)
{
	l2e_buf out = L2E_BUF_INIT, again = L2E_BUF_INIT;
	const cJSON *sp, *li;
	cJSON *root = NULL;
	l2e_dossier *d;

	setup();
	d = dossier("{\"nr\": \"2\", \"sn\": \"Naam\", \"loc\": \"nl-NLD-x\"}");
	CHECK(d != NULL);
	if (!d)
		goto done;
	CHECK_INT(0, l2e_dossier_write(&out, ctx, d, L2E_FORMAT_EUROPASS_JSON));
	CHECK_INT(0,
	          l2e_dossier_write(&again, ctx, d, L2E_FORMAT_EUROPASS_JSON));
	CHECK_STR(out.ptr, again.ptr); /* deterministic */
	root = cJSON_Parse(out.ptr);
	CHECK(root != NULL);
	sp = at(root, "SkillsPassport", NULL);
	CHECK_STR("nl", str(sp, "Locale")); /* not a LocaleType */
	CHECK_STR("2025-07-03T07:15:00Z",
	          str(at(sp, "DocumentInfo", NULL), "CreationDate"));
	li = at(sp, "LearnerInfo", NULL);
	CHECK_INT(1, cJSON_GetArraySize(li)); /* Identification only */
	CHECK_STR("Naam",
	          str(at(li, "Identification", "PersonName", NULL), "Surname"));
	CHECK(at(li, "Identification", "PersonName", "FirstName", NULL) ==
	      NULL);
done:
	cJSON_Delete(root);
	l2e_buf_dispose(&out);
	l2e_buf_dispose(&again);
	l2e_dossier_free(d);
	teardown();
}

/* ==== The JSON says what the XML says ==== */

static int is_named(const xmlNode *n, const char *name)
{
	return !strcmp((const char *)n->name, name);
}

static const xmlNode *first_element(const xmlNode *n)
{
	while (n && n->type != XML_ELEMENT_NODE)
		n = n->next;
	return n;
}

static const xmlNode *next_element(const xmlNode *n)
{
	return first_element(n->next);
}

static int mirrors(const xmlNode *x, const cJSON *j);

/* year="2024" month="--09" day="---02" against {"Year": 2024, ...} */
static int mirrors_date(const xmlNode *x, const cJSON *j)
{
	static const char *const attrs[] = { "year", "month", "day" };
	static const char *const keys[] = { "Year", "Month", "Day" };
	const cJSON *n;
	xmlChar *v;
	size_t i;
	int ok = cJSON_IsObject(j), count = 0;

	for (i = 0; i < 3 && ok; i++) {
		v = xmlGetProp(x, (const xmlChar *)attrs[i]);
		n = cJSON_GetObjectItemCaseSensitive(j, keys[i]);
		if (v) {
			count++;
			ok = cJSON_IsNumber(n) &&
			     n->valueint ==
			         (int)strtol((const char *)v +
			                         strspn((const char *)v, "-"),
			                     NULL, 10);
		} else {
			ok = n == NULL;
		}
		xmlFree(v);
	}
	return ok && cJSON_GetArraySize(j) == count;
}

/* Children of x against the members of object j, in order. */
static int mirrors_members(const xmlNode *x, const cJSON *member)
{
	const xmlNode *c, *item;
	const char *name;
	const cJSON *el;
	size_t len;

	for (c = first_element(x->children); c; c = next_element(c)) {
		name = (const char *)c->name;
		len = strlen(name);
		item = first_element(c->children);
		if (!member)
			return 0;
		if ((len > 4 && !strcmp(name + len - 4, "List")) ||
		    is_named(c, "VerifiedBy")) {
			/* a list wrapper: an array named after its items */
			if (!item ||
			    strcmp(member->string, (const char *)item->name) ||
			    !cJSON_IsArray(member))
				return 0;
			el = member->child;
			for (; item; item = next_element(item), el = el->next)
				if (!el || !mirrors(item, el))
					return 0;
			if (el)
				return 0;
		} else if (strcmp(member->string, name) ||
		           !mirrors(c, member)) {
			return 0;
		}
		member = member->next;
	}
	return member == NULL;
}

static int mirrors(const xmlNode *x, const cJSON *j)
{
	xmlChar *text;
	int ok;

	if (xmlHasProp(x, (const xmlChar *)"year"))
		return mirrors_date(x, j);
	if (first_element(x->children))
		return cJSON_IsObject(j) && mirrors_members(x, j->child);
	text = xmlNodeGetContent(x);
	if (is_named(x, "Current") || is_named(x, "EuropassLogo"))
		ok = cJSON_IsBool(j) &&
		     !!cJSON_IsTrue(j) == !strcmp((char *)text, "true");
	else if (!*text) /* an empty element, e.g. <Demographics/> */
		ok = cJSON_IsObject(j) && !j->child;
	else
		ok = cJSON_IsString(j) && !strcmp(j->valuestring, (char *)text);
	xmlFree(text);
	return ok;
}

/* The root: SkillsPassport with its locale attribute as "Locale". */
static int mirrors_document(const char *xml, const char *json)
{
	xmlDoc *doc = xmlReadMemory(xml, (int)strlen(xml), "x.xml", NULL,
	                            XML_PARSE_NONET);
	cJSON *root = cJSON_Parse(json);
	const xmlNode *x = doc ? xmlDocGetRootElement(doc) : NULL;
	const cJSON *sp = root ? root->child : NULL;
	xmlChar *locale = x ? xmlGetProp(x, (const xmlChar *)"locale") : NULL;
	int ok = x && sp && locale && !sp->next &&
	         !strcmp(sp->string, "SkillsPassport") && sp->child &&
	         !strcmp(sp->child->string, "Locale") &&
	         cJSON_IsString(sp->child) &&
	         !strcmp(sp->child->valuestring, (char *)locale) &&
	         mirrors_members(x, sp->child->next);

	xmlFree(locale);
	cJSON_Delete(root);
	xmlFreeDoc(doc);
	return ok;
}

static void test_write_json__mirrors_xml(void)
{
	static const char *inputs[] = {
		NULL, /* full */
		"{\"nr\": \"2\", \"fn\": \"Alleen\", \"sn\": \"Naam\", "
		"\"sex\": \"X\"}",
		"{\"nr\": \"3\", \"sn\": \"Min\", "
		"\"dig\": [{\"a\": \"safety\"}], \"lang\": [{\"li\": \"A1\"}], "
		"\"lob\": [{\"t\": \"Leeg\"}]}",
	};
	l2e_buf xml = L2E_BUF_INIT, json = L2E_BUF_INIT;
	l2e_dossier *d;
	size_t i;

	setup();
	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		d = dossier(inputs[i] ? inputs[i] : full);
		CHECK(d != NULL);
		if (!d)
			continue;
		CHECK_INT(0, l2e_dossier_write(&xml, ctx, d,
		                               L2E_FORMAT_EUROPASS_XML));
		CHECK_INT(0, l2e_dossier_write(&json, ctx, d,
		                               L2E_FORMAT_EUROPASS_JSON));
		if (xml.ptr && json.ptr && !mirrors_document(xml.ptr, json.ptr))
			test_fail(__FILE__, __LINE__,
			          "input %zu: the JSON "
			          "does not say what the XML says:\n%s\n%s",
			          i, xml.ptr, json.ptr);
		l2e_buf_dispose(&xml);
		l2e_buf_dispose(&json);
		l2e_dossier_free(d);
	}
	teardown();
}

/*
 * ==== Every failing allocation in the writer is reported ====
 *
 * The writer builds its tree in the library's pool (json_out.c), no
 * longer with cJSON, so its allocations fail through the library's own
 * hook: only in a -DL2E_FAULT_INJECTION=ON build (scripts/test.sh
 * sanitize); elsewhere this case has nothing to fail and passes.
 */
static void test_write_json__out_of_memory(void)
{
#ifdef L2E_FAULT_INJECTION
	l2e_buf out = L2E_BUF_INIT;
	l2e_dossier *d;
	unsigned long n;
	int rc = -1;

	setup();
	d = dossier(full);
	CHECK(d != NULL);
	for (n = 1; d && rc < 0 && n < 10000; n++) {
		l2e__fault_set(n, 0);
		rc = l2e_dossier_write(&out, ctx, d, L2E_FORMAT_EUROPASS_JSON);
		l2e__fault_set(0, 0);
		if (rc < 0) {
			CHECK_INT(L2E_ENOMEM, rc);
			CHECK(out.len == 0);
			CHECK(l2e_ctx_error(ctx) != NULL);
		}
	}
	CHECK_INT(0, rc);
	CHECK(n > 20); /* the document took many allocations to build */
	CHECK(out.len > 0);
	l2e_buf_dispose(&out);
	l2e_dossier_free(d);
	teardown();
#endif
}

static const test_case cases[] = {
	TEST_CASE(test_write_json__shape),
	TEST_CASE(test_write_json__minimal),
	TEST_CASE(test_write_json__mirrors_xml),
	TEST_CASE(test_write_json__out_of_memory),
};

TEST_MAIN(cases)
