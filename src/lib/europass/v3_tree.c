/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * v3_tree.c - the Europass v3.4 document tree (see v3_tree.h).
 *
 * Names, order and cardinality follow the official schema v3.4.1 (XSD
 * and JSON schema, shared/europass); the conformance tests validate
 * every sample written from this table against both. Only the rows the
 * writers fill, and the children of the closed rows (the skeleton the
 * validator checks), are here.
 */
#include "europass/v3_tree.h"

#include <pthread.h>
#include <string.h>

#define XSI "http://www.w3.org/2001/XMLSchema-instance"
#define SCHEMA_LOCATION                                              \
	L2E__EV3_NS " http://europass.cedefop.europa.eu/xml/v3.4.0/" \
	            "EuropassSchema.xsd"

#define OBJECT L2E__EV3_OBJECT
#define LIST   L2E__EV3_LIST
#define ITEM   L2E__EV3_ITEM
#define TEXT   L2E__EV3_TEXT
#define DATE   L2E__EV3_DATE
#define BOOL   L2E__EV3_BOOL
#define ATTR   L2E__EV3_ATTR
#define N      L2E__EV3_UNBOUNDED

/* The same name in XML and JSON. */
#define SAME(name) name, name

/* Where a row's content comes from (see l2e__ev3_row). */
#define ALWAYS       .always = 1
#define IF_CONTENT   .always = 0 /* written when something in it is */
#define SCHEMA_ONLY  .always = 0 /* nothing fills it: never written */
#define CONST(s)     .constant = (s)
#define FIELD(f)     .field = (f) + 1
#define FIELDS(f, g) .field = (f) + 1, .field2 = (g) + 1
#define VIEW(v)      .view = L2E__EV3_V_##v
#define SECTION(s)   .section = L2E__SEC_##s + 1
#define CHECK(c, up) .check = L2E__EV3_CHECK_##c, .check_up = (up)
#define CLOSED       .is_closed = 1

/*
 * Types the schema uses in several places (CountryType, PeriodType,
 * OrganisationType), written once: their row names and their rows.
 */
/* clang-format off */
#define COUNTRY_IDS(C) C, C##_CODE, C##_LABEL
#define COUNTRY(C, PARENT, F_ISO, F_LABEL)                                  \
	[C] = { PARENT, SAME("Country"), OBJECT, 0, 1, IF_CONTENT },        \
	[C##_CODE] = { C, SAME("Code"), TEXT, 0, 1, VIEW(COUNTRY_CODE),     \
	               FIELDS(F_ISO, F_LABEL), CHECK(COUNTRY, 1) },          \
	[C##_LABEL] = { C, SAME("Label"), TEXT, 0, 1, VIEW(COUNTRY_LABEL),  \
	                FIELDS(F_ISO, F_LABEL) }

/* Current instead of To for an ongoing item */
#define PERIOD_IDS(P) P, P##_FROM, P##_CURRENT, P##_TO
#define PERIOD(P, PARENT, F_FROM, F_TO, F_ONGOING)                          \
	[P] = { PARENT, SAME("Period"), OBJECT, 0, 1, IF_CONTENT,           \
	        CHECK(PERIOD, 0) },                                         \
	[P##_FROM] = { P, SAME("From"), DATE, 0, 1, FIELD(F_FROM) },        \
	[P##_CURRENT] = { P, SAME("Current"), BOOL, 0, 1,                   \
	                  FIELD(F_ONGOING) },                               \
	[P##_TO] = { P, SAME("To"), DATE, 0, 1, VIEW(PERIOD_TO),            \
	             FIELDS(F_TO, F_ONGOING) }

/* an employer or a school: a name and a place */
#define ORGANISATION_IDS(O)                                                 \
	O, O##_NAME, O##_CONTACT, O##_ADDRESS, O##_ADDR_CONTACT, O##_CITY,  \
	COUNTRY_IDS(O##_COUNTRY)
#define ORGANISATION(O, PARENT, NAME, F_NAME, F_CITY, F_ISO, F_LABEL)       \
	[O] = { PARENT, SAME(NAME), OBJECT, 0, 1, IF_CONTENT },             \
	[O##_NAME] = { O, SAME("Name"), TEXT, 0, 1, FIELD(F_NAME) },        \
	[O##_CONTACT] = { O, SAME("ContactInfo"), OBJECT, 0, 1,             \
	                  IF_CONTENT },                                     \
	[O##_ADDRESS] = { O##_CONTACT, SAME("Address"), OBJECT, 0, 1,       \
	                  IF_CONTENT },                                     \
	[O##_ADDR_CONTACT] = { O##_ADDRESS, SAME("Contact"), OBJECT, 0, 1,  \
	                       IF_CONTENT },                                \
	[O##_CITY] = { O##_ADDR_CONTACT, SAME("Municipality"), TEXT, 0, 1,  \
	               FIELD(F_CITY) },                                     \
	COUNTRY(O##_COUNTRY, O##_ADDR_CONTACT, F_ISO, F_LABEL)
/* clang-format on */

/* Row names, so that a child can name its parent. */
enum {
	SP,
	SP_XMLNS,
	SP_XSI,
	SP_SCHEMA,
	SP_LOCALE,
	INFO,
	INFO_TYPE,
	INFO_BUNDLE,
	INFO_CREATED,
	INFO_UPDATED,
	INFO_XSD,
	INFO_GENERATOR,
	INFO_COMMENT,
	INFO_COPYRIGHT,
	INFO_LOGO,
	PRINTING,
	LEARNER,
	ID,
	ID_NAME,
	ID_FIRST,
	ID_SURNAME,
	ID_CONTACT,
	ID_ADDRESS,
	ID_ADDR_CONTACT,
	ID_ADDR_LINE,
	ID_ADDR_POSTAL,
	ID_ADDR_CITY,
	COUNTRY_IDS(ID_ADDR_COUNTRY),
	ID_EMAIL,
	ID_EMAIL_CONTACT,
	ID_PHONES,
	ID_PHONE,
	ID_PHONE_CONTACT,
	ID_DEMOGRAPHICS,
	ID_BIRTH,
	ID_GENDER,
	ID_GENDER_CODE,
	ID_NATIONALITIES,
	ID_NATIONALITY,
	ID_NATIONALITY_CODE,
	ID_NATIONALITY_LABEL,
	HEADLINE,
	HL_TYPE,
	HL_TYPE_CODE,
	HL_DESCRIPTION,
	HL_LABEL,
	WORKS,
	WORK,
	PERIOD_IDS(W_PERIOD),
	W_DESCRIPTION,
	W_POSITION,
	W_POSITION_LABEL,
	W_ACTIVITIES,
	ORGANISATION_IDS(W_EMPLOYER),
	EDUS,
	EDU,
	PERIOD_IDS(E_PERIOD),
	E_TITLE,
	E_ACTIVITIES,
	ORGANISATION_IDS(E_ORG),
	E_LEVEL,
	E_LEVEL_CODE,
	E_FIELD,
	E_FIELD_LABEL,
	SKILLS,
	LINGUISTIC,
	MOTHERS,
	MOTHER,
	M_DESCRIPTION,
	M_CODE,
	M_LABEL,
	FOREIGNS,
	FOREIGN,
	F_DESCRIPTION,
	F_CODE,
	F_LABEL,
	F_LEVEL,
	F_LISTENING,
	F_READING,
	F_INTERACTION,
	F_PRODUCTION,
	F_WRITING,
	F_VERIFIED,
	F_CERTIFICATE,
	F_CERT_TITLE,
	F_CERT_DATE,
	COMPUTER,
	C_DESCRIPTION,
	C_LEVEL,
	C_INFORMATION,
	C_COMMUNICATION,
	C_CONTENT,
	C_SAFETY,
	C_PROBLEMS,
	OTHER,
	OTHER_DESCRIPTION,
	ACHIEVEMENTS,
	ACHIEVEMENT,
	A_TITLE,
	A_TITLE_CODE,
	A_DESCRIPTION,
	DOCUMENTATION,
	ATTACHMENTS,
	COVER_LETTER,
	ROWS
};

/* parent, XML name, JSON name, kind, min, max, content, check */
const l2e__ev3_row l2e__ev3_tree[ROWS] = {
	[SP] = { -1, SAME("SkillsPassport"), OBJECT, 1, 1, ALWAYS, CLOSED },
	[SP_XMLNS] = { SP, "xmlns", NULL, ATTR, 1, 1, CONST(L2E__EV3_NS) },
	[SP_XSI] = { SP, "xmlns:xsi", NULL, ATTR, 1, 1, CONST(XSI) },
	[SP_SCHEMA] = { SP, "xsi:schemaLocation", NULL, ATTR, 0, 1,
	                CONST(SCHEMA_LOCATION) },
	[SP_LOCALE] = { SP, "locale", "Locale", ATTR, 0, 1, VIEW(LOCALE) },

	[INFO] = { SP, SAME("DocumentInfo"), OBJECT, 1, 1, ALWAYS, CLOSED },
	[INFO_TYPE] = { INFO, SAME("DocumentType"), TEXT, 1, 1,
	                CONST(L2E__EV3_DOCUMENT_TYPE) },
	[INFO_BUNDLE] = { INFO, "Bundle", "Document", OBJECT, 0, 1,
	                  SCHEMA_ONLY },
	[INFO_CREATED] = { INFO, SAME("CreationDate"), TEXT, 1, 1,
	                   VIEW(CREATED), CHECK(DATETIME, 0) },
	[INFO_UPDATED] = { INFO, SAME("LastUpdateDate"), TEXT, 1, 1,
	                   VIEW(CREATED), CHECK(DATETIME, 0) },
	[INFO_XSD] = { INFO, SAME("XSDVersion"), TEXT, 1, 1,
	               CONST(L2E__EV3_XSD_VERSION) },
	[INFO_GENERATOR] = { INFO, SAME("Generator"), TEXT, 1, 1,
	                     VIEW(GENERATOR) },
	[INFO_COMMENT] = { INFO, SAME("Comment"), TEXT, 0, 1, SCHEMA_ONLY },
	[INFO_COPYRIGHT] = { INFO, SAME("Copyright"), TEXT, 0, 1, SCHEMA_ONLY },
	[INFO_LOGO] = { INFO, SAME("EuropassLogo"), BOOL, 0, 1, ALWAYS },

	[PRINTING] = { SP, SAME("PrintingPreferences"), OBJECT, 0, 1,
	               SCHEMA_ONLY },
	[LEARNER] = { SP, SAME("LearnerInfo"), OBJECT, 1, 1, ALWAYS, CLOSED },

	/* Identification: written for a person, even without anything */
	[ID] = { LEARNER, SAME("Identification"), OBJECT, 0, 1, SECTION(PERSON),
	         ALWAYS },
	[ID_NAME] = { ID, SAME("PersonName"), OBJECT, 0, 1, IF_CONTENT },
	[ID_FIRST] = { ID_NAME, SAME("FirstName"), TEXT, 0, 1,
	               FIELD(PERSON_FIRST_NAME) },
	[ID_SURNAME] = { ID_NAME, SAME("Surname"), TEXT, 0, 1, VIEW(SURNAME) },
	[ID_CONTACT] = { ID, SAME("ContactInfo"), OBJECT, 0, 1, IF_CONTENT },
	[ID_ADDRESS] = { ID_CONTACT, SAME("Address"), OBJECT, 0, 1,
	                 IF_CONTENT },
	[ID_ADDR_CONTACT] = { ID_ADDRESS, SAME("Contact"), OBJECT, 0, 1,
	                      IF_CONTENT },
	[ID_ADDR_LINE] = { ID_ADDR_CONTACT, SAME("AddressLine"), TEXT, 0, 1,
	                   FIELD(PERSON_ADDRESS_LINE) },
	[ID_ADDR_POSTAL] = { ID_ADDR_CONTACT, SAME("PostalCode"), TEXT, 0, 1,
	                     FIELD(PERSON_POSTAL_CODE) },
	[ID_ADDR_CITY] = { ID_ADDR_CONTACT, SAME("Municipality"), TEXT, 0, 1,
	                   FIELD(PERSON_CITY) },
	COUNTRY(ID_ADDR_COUNTRY, ID_ADDR_CONTACT, PERSON_COUNTRY,
	        PERSON_COUNTRY_LABEL),
	[ID_EMAIL] = { ID_CONTACT, SAME("Email"), OBJECT, 0, 1, IF_CONTENT },
	[ID_EMAIL_CONTACT] = { ID_EMAIL, SAME("Contact"), TEXT, 1, 1,
	                       FIELD(PERSON_EMAIL) },
	[ID_PHONES] = { ID_CONTACT, "TelephoneList", "Telephone", LIST, 0, 1,
	                IF_CONTENT },
	[ID_PHONE] = { ID_PHONES, "Telephone", NULL, ITEM, 1, N, IF_CONTENT },
	[ID_PHONE_CONTACT] = { ID_PHONE, SAME("Contact"), TEXT, 1, 1,
	                       FIELD(PERSON_PHONE) },
	/* no empty Demographics for a gender Europass cannot say */
	[ID_DEMOGRAPHICS] = { ID, SAME("Demographics"), OBJECT, 0, 1,
	                      IF_CONTENT },
	[ID_BIRTH] = { ID_DEMOGRAPHICS, SAME("Birthdate"), DATE, 0, 1,
	               FIELD(PERSON_BIRTH_DATE), CHECK(DATE, 0) },
	[ID_GENDER] = { ID_DEMOGRAPHICS, SAME("Gender"), OBJECT, 0, 1,
	                IF_CONTENT },
	[ID_GENDER_CODE] = { ID_GENDER, SAME("Code"), TEXT, 0, 1, VIEW(GENDER),
	                     FIELD(PERSON_GENDER) },
	[ID_NATIONALITIES] = { ID_DEMOGRAPHICS, "NationalityList",
	                       "Nationality", LIST, 0, 1, IF_CONTENT },
	[ID_NATIONALITY] = { ID_NATIONALITIES, "Nationality", NULL, ITEM, 1, N,
	                     IF_CONTENT },
	[ID_NATIONALITY_CODE] = { ID_NATIONALITY, SAME("Code"), TEXT, 0, 1,
	                          VIEW(NATIONALITY_CODE),
	                          FIELD(PERSON_NATIONALITY),
	                          CHECK(COUNTRY, 1) },
	[ID_NATIONALITY_LABEL] = { ID_NATIONALITY, SAME("Label"), TEXT, 0, 1,
	                           VIEW(NATIONALITY_LABEL),
	                           FIELD(PERSON_NATIONALITY) },

	[HEADLINE] = { LEARNER, SAME("Headline"), OBJECT, 0, 1,
	               SECTION(HEADLINE), IF_CONTENT },
	[HL_TYPE] = { HEADLINE, SAME("Type"), OBJECT, 0, 1, ALWAYS },
	[HL_TYPE_CODE] = { HL_TYPE, SAME("Code"), TEXT, 0, 1,
	                   CONST(L2E__EV3_HEADLINE_TYPE) },
	[HL_DESCRIPTION] = { HEADLINE, SAME("Description"), OBJECT, 0, 1,
	                     IF_CONTENT },
	[HL_LABEL] = { HL_DESCRIPTION, SAME("Label"), TEXT, 0, 1,
	               FIELD(HEADLINE_TEXT) },

	/* a work experience is written for every item, even an empty one */
	[WORKS] = { LEARNER, "WorkExperienceList", "WorkExperience", LIST, 0, 1,
	            IF_CONTENT },
	[WORK] = { WORKS, "WorkExperience", NULL, ITEM, 1, N, SECTION(WORK) },
	PERIOD(W_PERIOD, WORK, WORK_FROM, WORK_TO, WORK_ONGOING),
	/* its own description, or its programme (an exchange programme) */
	[W_DESCRIPTION] = { WORK, SAME("Description"), TEXT, 0, 1,
	                    VIEW(WORK_DESCRIPTION) },
	[W_POSITION] = { WORK, SAME("Position"), OBJECT, 0, 1, IF_CONTENT },
	[W_POSITION_LABEL] = { W_POSITION, SAME("Label"), TEXT, 0, 1,
	                       FIELD(WORK_POSITION) },
	[W_ACTIVITIES] = { WORK, SAME("Activities"), TEXT, 0, 1,
	                   FIELD(WORK_ACTIVITIES) },
	ORGANISATION(W_EMPLOYER, WORK, "Employer", WORK_EMPLOYER, WORK_CITY,
	             WORK_COUNTRY, WORK_COUNTRY_LABEL),

	[EDUS] = { LEARNER, "EducationList", "Education", LIST, 0, 1,
	           IF_CONTENT },
	[EDU] = { EDUS, "Education", NULL, ITEM, 1, N, SECTION(EDUCATION) },
	PERIOD(E_PERIOD, EDU, EDU_FROM, EDU_TO, EDU_ONGOING),
	[E_TITLE] = { EDU, SAME("Title"), TEXT, 0, 1, FIELD(EDU_TITLE) },
	[E_ACTIVITIES] = { EDU, SAME("Activities"), TEXT, 0, 1,
	                   FIELD(EDU_ACTIVITIES) },
	ORGANISATION(E_ORG, EDU, "Organisation", EDU_ORGANISATION, EDU_CITY,
	             EDU_COUNTRY, EDU_COUNTRY_LABEL),
	[E_LEVEL] = { EDU, SAME("Level"), OBJECT, 0, 1, IF_CONTENT },
	[E_LEVEL_CODE] = { E_LEVEL, SAME("Code"), TEXT, 0, 1,
	                   FIELD(EDU_EQF_LEVEL), CHECK(EQF, 2) },
	[E_FIELD] = { EDU, SAME("Field"), OBJECT, 0, 1, IF_CONTENT },
	[E_FIELD_LABEL] = { E_FIELD, SAME("Label"), TEXT, 0, 1,
	                    FIELD(EDU_FIELD) },

	[SKILLS] = { LEARNER, SAME("Skills"), OBJECT, 0, 1, IF_CONTENT },
	[LINGUISTIC] = { SKILLS, SAME("Linguistic"), OBJECT, 0, 1, IF_CONTENT },
	[MOTHERS] = { LINGUISTIC, "MotherTongueList", "MotherTongue", LIST, 0,
	              1, IF_CONTENT },
	[MOTHER] = { MOTHERS, "MotherTongue", NULL, ITEM, 1, N,
	             SECTION(LANGUAGE), VIEW(MOTHER) },
	[M_DESCRIPTION] = { MOTHER, SAME("Description"), OBJECT, 1, 1, ALWAYS },
	[M_CODE] = { M_DESCRIPTION, SAME("Code"), TEXT, 0, 1,
	             VIEW(LANGUAGE_CODE), CHECK(MOTHER, 2) },
	[M_LABEL] = { M_DESCRIPTION, SAME("Label"), TEXT, 0, 1,
	              VIEW(LANGUAGE_LABEL) },
	[FOREIGNS] = { LINGUISTIC, "ForeignLanguageList", "ForeignLanguage",
	               LIST, 0, 1, IF_CONTENT },
	[FOREIGN] = { FOREIGNS, "ForeignLanguage", NULL, ITEM, 1, N,
	              SECTION(LANGUAGE), VIEW(FOREIGN) },
	[F_DESCRIPTION] = { FOREIGN, SAME("Description"), OBJECT, 1, 1,
	                    ALWAYS },
	[F_CODE] = { F_DESCRIPTION, SAME("Code"), TEXT, 0, 1,
	             VIEW(LANGUAGE_CODE), CHECK(FOREIGN, 2) },
	[F_LABEL] = { F_DESCRIPTION, SAME("Label"), TEXT, 0, 1,
	              VIEW(LANGUAGE_LABEL) },
	/* the self-assessment grid */
	[F_LEVEL] = { FOREIGN, SAME("ProficiencyLevel"), OBJECT, 0, 1,
	              IF_CONTENT },
	[F_LISTENING] = { F_LEVEL, SAME("Listening"), TEXT, 0, 1,
	                  FIELD(LANG_LISTENING), CHECK(CEFR, 2) },
	[F_READING] = { F_LEVEL, SAME("Reading"), TEXT, 0, 1,
	                FIELD(LANG_READING), CHECK(CEFR, 2) },
	[F_INTERACTION] = { F_LEVEL, SAME("SpokenInteraction"), TEXT, 0, 1,
	                    FIELD(LANG_SPOKEN_INTERACTION), CHECK(CEFR, 2) },
	[F_PRODUCTION] = { F_LEVEL, SAME("SpokenProduction"), TEXT, 0, 1,
	                   FIELD(LANG_SPOKEN_PRODUCTION), CHECK(CEFR, 2) },
	[F_WRITING] = { F_LEVEL, SAME("Writing"), TEXT, 0, 1,
	                FIELD(LANG_WRITING), CHECK(CEFR, 2) },
	/* written for a certificate's title, not for its date alone */
	[F_VERIFIED] = { FOREIGN, "VerifiedBy", "Certificate", LIST, 0, 1,
	                 FIELD(LANG_CERTIFICATE) },
	[F_CERTIFICATE] = { F_VERIFIED, "Certificate", NULL, ITEM, 1, N,
	                    IF_CONTENT },
	[F_CERT_TITLE] = { F_CERTIFICATE, SAME("Title"), TEXT, 0, 1,
	                   FIELD(LANG_CERTIFICATE) },
	[F_CERT_DATE] = { F_CERTIFICATE, SAME("Date"), DATE, 0, 1,
	                  FIELD(LANG_CERTIFICATE_DATE), CHECK(DATE, 0) },
	/* written for any digital skill, even without a label or level */
	[COMPUTER] = { SKILLS, SAME("Computer"), OBJECT, 0, 1, VIEW(COMPUTER) },
	[C_DESCRIPTION] = { COMPUTER, SAME("Description"), TEXT, 0, 1,
	                    VIEW(COMPUTER_DESCRIPTION) },
	[C_LEVEL] = { COMPUTER, SAME("ProficiencyLevel"), OBJECT, 0, 1,
	              IF_CONTENT },
	[C_INFORMATION] = { C_LEVEL, SAME("Information"), TEXT, 0, 1,
	                    VIEW(ICT_LEVEL), FIELD(0) },
	[C_COMMUNICATION] = { C_LEVEL, SAME("Communication"), TEXT, 0, 1,
	                      VIEW(ICT_LEVEL), FIELD(1) },
	[C_CONTENT] = { C_LEVEL, SAME("ContentCreation"), TEXT, 0, 1,
	                VIEW(ICT_LEVEL), FIELD(2) },
	[C_SAFETY] = { C_LEVEL, SAME("Safety"), TEXT, 0, 1, VIEW(ICT_LEVEL),
	               FIELD(3) },
	[C_PROBLEMS] = { C_LEVEL, SAME("ProblemSolving"), TEXT, 0, 1,
	                 VIEW(ICT_LEVEL), FIELD(4) },
	/* career (LOB) competences: the student's own texts */
	[OTHER] = { SKILLS, SAME("Other"), OBJECT, 0, 1, IF_CONTENT },
	[OTHER_DESCRIPTION] = { OTHER, SAME("Description"), TEXT, 0, 1,
	                        VIEW(OTHER) },

	[ACHIEVEMENTS] = { LEARNER, "AchievementList", "Achievement", LIST, 0,
	                   1, IF_CONTENT },
	[ACHIEVEMENT] = { ACHIEVEMENTS, "Achievement", NULL, ITEM, 1, N,
	                  IF_CONTENT },
	[A_TITLE] = { ACHIEVEMENT, SAME("Title"), OBJECT, 1, 1, ALWAYS },
	[A_TITLE_CODE] = { A_TITLE, SAME("Code"), TEXT, 0, 1,
	                   CONST(L2E__EV3_ACHIEVEMENT) },
	[A_DESCRIPTION] = { ACHIEVEMENT, SAME("Description"), TEXT, 0, 1,
	                    VIEW(CERTIFICATIONS) },
	[DOCUMENTATION] = { LEARNER, "Documentation", "ReferenceTo", OBJECT, 0,
	                    1, SCHEMA_ONLY },

	[ATTACHMENTS] = { SP, "AttachmentList", "Attachment", OBJECT, 0, 1,
	                  SCHEMA_ONLY },
	[COVER_LETTER] = { SP, SAME("CoverLetter"), OBJECT, 0, 1, SCHEMA_ONLY },
};

const size_t l2e__ev3_tree_n = ROWS;

/*
 * Each row's first child and next sibling, worked out once for the
 * process: the writers ask for every child of every written row, and
 * scanning the rows after a parent for its children made the walk cost
 * a tenth of a conversion. Rows come in document order, so a row's
 * children are later rows naming it as parent, in order.
 */
static size_t first_child[ROWS], next_sibling[ROWS], xml_len[ROWS];
static const l2e__ev3_links links = { first_child, next_sibling, xml_len };
static pthread_once_t links_once = PTHREAD_ONCE_INIT;

static void build_links(void)
{
	size_t last[ROWS] = { 0 }, c, p;

	for (c = 0; c < ROWS; c++)
		xml_len[c] =
		    l2e__ev3_tree[c].xml ? strlen(l2e__ev3_tree[c].xml) : 0;
	for (c = 1; c < ROWS; c++) {
		p = (size_t)l2e__ev3_tree[c].parent;
		if (!first_child[p])
			first_child[p] = c;
		else
			next_sibling[last[p]] = c;
		last[p] = c;
	}
}

const l2e__ev3_links *l2e__ev3_links_get(void)
{
	pthread_once(&links_once, build_links);
	return &links;
}

size_t l2e__ev3_next_child(size_t row, size_t after)
{
	const l2e__ev3_links *ln = l2e__ev3_links_get();

	return after == row ? ln->first[row] : ln->next[after];
}
