/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * cv_spec.c - the Europass CV XML structure table and its codes
 * (see cv_spec.h).
 *
 * "docs 3.x" refers to a section of the Europass CV XML Schema
 * Documentation v3.0.0; "examples" to J0ker98-full.xml and
 * J0ker98-minimal.xml. A row with no remark follows both.
 */
#include "europass/cv_spec.h"

#include <stdlib.h>
#include <string.h>

#include "europass/europass.h"
#include "util/civil_date.h"

#define EP   L2E__CV_NS_EUROPASS
#define HR   L2E__CV_NS_HR
#define OA   L2E__CV_NS_OA
#define EU   L2E__CV_NS_EURES
#define ELS  L2E__CV_ELEMENTS
#define TXT  L2E__CV_TEXT
#define DATE L2E__CV_DATE
#define BOOL L2E__CV_BOOL
#define N    L2E__CV_UNBOUNDED

/* Row names, so that a child can name its parent. */
enum {
	CANDIDATE,
	DOCUMENT_ID,
	SUPPLIER,
	SUP_PARTY_ID,
	SUP_PARTY_NAME,
	SUP_CONTACT,
	SUP_NAME,
	SUP_GIVEN,
	SUP_FAMILY,
	SUP_COMM,
	SUP_CHANNEL,
	SUP_URI,
	SUP_PRECEDENCE,
	PERSON,
	P_NAME,
	P_GIVEN,
	P_FAMILY,
	P_COMM,
	P_CHANNEL,
	P_USE,
	P_DIALING,
	P_DIAL_NUMBER,
	P_COMM_COUNTRY,
	P_ADDRESS,
	P_URI,
	P_ADDR_LINE,
	P_ADDR_CITY,
	P_ADDR_COUNTRY,
	P_ADDR_POSTAL,
	P_NATIONALITY,
	P_BIRTH_DATE,
	P_GENDER,
	P_PRIMARY_LANGUAGE,
	PROFILE,
	PR_ID,
	PR_SUMMARY,
	EMPLOYMENT,
	EMPLOYER,
	EMP_ORG_NAME,
	EMP_CONTACT,
	EMP_COMM,
	EMP_ADDRESS,
	EMP_CITY,
	EMP_COUNTRY,
	EMP_INDUSTRY,
	POSITION,
	POS_TITLE,
	POS_PERIOD,
	POS_START,
	POS_START_DATE,
	POS_END,
	POS_END_DATE,
	POS_CURRENT,
	POS_DESCRIPTION,
	POS_CITY,
	POS_COUNTRY,
	EDUCATION,
	ATTENDANCE,
	ATT_ORG_NAME,
	ATT_CONTACT,
	ATT_COMM,
	ATT_ADDRESS,
	ATT_CITY,
	ATT_COUNTRY,
	ATT_PERIOD,
	ATT_START,
	ATT_START_DATE,
	ATT_END,
	ATT_END_DATE,
	ATT_ONGOING,
	DEGREE,
	DEG_NAME,
	DEG_GRADE,
	DEG_SCORE,
	DEG_THESIS,
	DEG_SKILLS,
	ATT_LEVEL,
	LICENSES,
	LICENSE,
	LICENSE_TYPE,
	CERTIFICATIONS,
	CERT,
	CERT_NAME,
	CERT_ISSUED,
	CERT_ISSUED_DATE,
	CERT_AUTHORITY,
	CERT_AUTHORITY_NAME,
	CERT_DESCRIPTION,
	CERT_LINK,
	PUBLICATIONS,
	QUALIFICATIONS,
	LANG,
	LANG_ID,
	LANG_TAXONOMY,
	LANG_DIMENSION,
	LANG_DIMENSION_TYPE,
	LANG_SCORE,
	LANG_SCORE_TEXT,
	REFERENCES,
	CREATIVE_WORKS,
	PROJECTS,
	SOCIAL_POLITICAL,
	SKILLS,
	SKILL,
	SKILL_TAXONOMY,
	SKILL_NAME,
	NETWORKS,
	CONFERENCES,
	VOLUNTARY,
	COURSES,
	OTHERS,
	OTHERS_TITLE,
	OTHER,
	OTHER_TITLE,
	OTHER_DESCRIPTION,
	RENDERING,
	DESIGN,
	TEMPLATE,
	COLOR,
	FONT_SIZE,
	LOGO,
	PAGE_NUMBERS,
	SECTIONS,
	SECTION,
	SECTION_TITLE,
	ROWS
};

/* parent, namespace, name, rank, min, max, content */
const l2e__cv_elem l2e__cv_spec[ROWS] = {
	/* docs 3.1; RenderingInformation: examples only */
	[CANDIDATE] = { -1, EP, "Candidate", 0, 1, 1, ELS },
	[DOCUMENT_ID] = { CANDIDATE, HR, "DocumentID", 0, 1, 1, TXT },
	[SUPPLIER] = { CANDIDATE, EP, "CandidateSupplier", 1, 1, N, ELS },
	[PERSON] = { CANDIDATE, EP, "CandidatePerson", 2, 1, 1, ELS },
	[PROFILE] = { CANDIDATE, EP, "CandidateProfile", 3, 1, N, ELS },
	[RENDERING] = { CANDIDATE, EP, "RenderingInformation", 4, 0, 1, ELS },

	/* docs 3.3, 3.4 */
	[SUP_PARTY_ID] = { SUPPLIER, HR, "PartyID", 0, 1, 1, TXT },
	[SUP_PARTY_NAME] = { SUPPLIER, HR, "PartyName", 1, 1, 1, TXT },
	[SUP_CONTACT] = { SUPPLIER, EP, "PersonContact", 2, 1, N, ELS },
	[SUP_PRECEDENCE] = { SUPPLIER, HR, "PrecedenceCode", 3, 1, 1, TXT },
	[SUP_NAME] = { SUP_CONTACT, EP, "PersonName", 0, 1, 1, ELS },
	/* docs 1..n; 0..n here: a dossier need not have an e-mail address */
	[SUP_COMM] = { SUP_CONTACT, EP, "Communication", 1, 0, N, ELS },
	[SUP_GIVEN] = { SUP_NAME, OA, "GivenName", 0, 1, 1, TXT },
	[SUP_FAMILY] = { SUP_NAME, HR, "FamilyName", 1, 1, 1, TXT },
	[SUP_CHANNEL] = { SUP_COMM, EP, "ChannelCode", 0, 0, 1, TXT },
	[SUP_URI] = { SUP_COMM, OA, "URI", 1, 0, 1, TXT },

	/* docs 3.5, 3.6, 3.7 */
	[P_NAME] = { PERSON, EP, "PersonName", 0, 1, 1, ELS },
	[P_COMM] = { PERSON, EP, "Communication", 1, 0, N, ELS },
	[P_NATIONALITY] = { PERSON, EP, "NationalityCode", 2, 0, N, TXT },
	[P_BIRTH_DATE] = { PERSON, HR, "BirthDate", 3, 0, 1, DATE },
	[P_GENDER] = { PERSON, EP, "GenderCode", 4, 0, 1, TXT },
	[P_PRIMARY_LANGUAGE] = { PERSON, EP, "PrimaryLanguageCode", 5, 0, N,
	                         TXT },
	[P_GIVEN] = { P_NAME, OA, "GivenName", 0, 1, 1, TXT },
	[P_FAMILY] = { P_NAME, HR, "FamilyName", 1, 1, 1, TXT },
	[P_CHANNEL] = { P_COMM, EP, "ChannelCode", 0, 0, 1, TXT },
	[P_USE] = { P_COMM, EP, "UseCode", 1, 0, 1, TXT },
	[P_DIALING] = { P_COMM, EP, "CountryDialing", 2, 0, 1, TXT },
	[P_DIAL_NUMBER] = { P_COMM, OA, "DialNumber", 3, 0, 1, TXT },
	[P_COMM_COUNTRY] = { P_COMM, EP, "CountryCode", 4, 0, 1, TXT },
	[P_ADDRESS] = { P_COMM, EP, "Address", 5, 0, 1, ELS },
	[P_URI] = { P_COMM, OA, "URI", 6, 0, 1, TXT },
	[P_ADDR_LINE] = { P_ADDRESS, OA, "AddressLine", 0, 0, N, TXT },
	[P_ADDR_CITY] = { P_ADDRESS, OA, "CityName", 1, 0, 1, TXT },
	[P_ADDR_COUNTRY] = { P_ADDRESS, EP, "CountryCode", 2, 0, 1, TXT },
	[P_ADDR_POSTAL] = { P_ADDRESS, OA, "PostalCode", 3, 0, 1, TXT },

	/*
	 * docs 3.9, in its order. Skills stands where the docs list the
	 * skill sections (after SocialAndPoliticalActivities), CourseCerti-
	 * fications and Others come last: examples.
	 */
	[PR_ID] = { PROFILE, HR, "ID", 0, 0, 1, TXT },
	[PR_SUMMARY] = { PROFILE, HR, "ExecutiveSummary", 1, 0, 1, TXT },
	[EMPLOYMENT] = { PROFILE, EP, "EmploymentHistory", 2, 0, 1, ELS },
	/* docs 1; 0..1 here: a dossier without a programme is still a CV */
	[EDUCATION] = { PROFILE, EP, "EducationHistory", 3, 0, 1, ELS },
	[LICENSES] = { PROFILE, EU, "Licenses", 4, 0, 1, ELS },
	[CERTIFICATIONS] = { PROFILE, EP, "Certifications", 5, 0, 1, ELS },
	[PUBLICATIONS] = { PROFILE, EP, "PublicationHistory", 6, 0, 1, ELS },
	[QUALIFICATIONS] = { PROFILE, EP, "PersonQualifications", 7, 0, 1,
	                     ELS },
	[REFERENCES] = { PROFILE, EP, "EmploymentReferences", 8, 0, 1, ELS },
	[CREATIVE_WORKS] = { PROFILE, EP, "CreativeWorks", 9, 0, 1, ELS },
	[PROJECTS] = { PROFILE, EP, "Projects", 10, 0, 1, ELS },
	[SOCIAL_POLITICAL] = { PROFILE, EP, "SocialAndPoliticalActivities", 11,
	                       0, 1, ELS },
	[SKILLS] = { PROFILE, EP, "Skills", 12, 0, 1, ELS },
	[NETWORKS] = { PROFILE, EP, "NetworksAndMemberships", 13, 0, 1, ELS },
	[CONFERENCES] = { PROFILE, EP, "ConferencesAndSeminars", 14, 0, 1,
	                  ELS },
	[VOLUNTARY] = { PROFILE, EP, "VoluntaryWorks", 15, 0, 1, ELS },
	[COURSES] = { PROFILE, EP, "CourseCertifications", 16, 0, 1, ELS },
	/* docs 3.37: 0..n */
	[OTHERS] = { PROFILE, EP, "Others", 17, 0, N, ELS },

	/*
	 * docs 3.14. OrganizationContact: docs require a ContactName, the
	 * examples have none. EmploymentPeriod: the examples have it in
	 * PositionHistory (docs 3.14.9), not in EmployerHistory.
	 */
	[EMPLOYER] = { EMPLOYMENT, EP, "EmployerHistory", 0, 0, N, ELS },
	[EMP_ORG_NAME] = { EMPLOYER, HR, "OrganizationName", 0, 0, 1, TXT },
	[EMP_CONTACT] = { EMPLOYER, EP, "OrganizationContact", 1, 0, 1, ELS },
	[EMP_INDUSTRY] = { EMPLOYER, HR, "IndustryCode", 2, 0, 1, TXT },
	[POSITION] = { EMPLOYER, EP, "PositionHistory", 3, 1, N, ELS },
	[EMP_COMM] = { EMP_CONTACT, EP, "Communication", 0, 0, N, ELS },
	[EMP_ADDRESS] = { EMP_COMM, EP, "Address", 0, 0, 1, ELS },
	[EMP_CITY] = { EMP_ADDRESS, OA, "CityName", 0, 0, 1, TXT },
	[EMP_COUNTRY] = { EMP_ADDRESS, EP, "CountryCode", 1, 0, 1, TXT },
	[POS_TITLE] = { POSITION, EP, "PositionTitle", 0, 0, 1, TXT },
	[POS_PERIOD] = { POSITION, EU, "EmploymentPeriod", 1, 0, 1, ELS },
	[POS_DESCRIPTION] = { POSITION, OA, "Description", 2, 0, 1, TXT },
	[POS_CITY] = { POSITION, EP, "City", 3, 0, 1, TXT },
	[POS_COUNTRY] = { POSITION, EP, "Country", 4, 0, 1, TXT },
	[POS_START] = { POS_PERIOD, EU, "StartDate", 0, 1, 1, ELS },
	[POS_END] = { POS_PERIOD, EU, "EndDate", 1, 0, 1, ELS },
	[POS_CURRENT] = { POS_PERIOD, HR, "CurrentIndicator", 2, 0, 1, BOOL },
	/* docs: FormattedDateTime or DateText; only the first is written */
	[POS_START_DATE] = { POS_START, HR, "FormattedDateTime", 0, 1, 1,
	                     DATE },
	[POS_END_DATE] = { POS_END, HR, "FormattedDateTime", 0, 1, 1, DATE },

	/*
	 * docs 3.11. The docs put hr:ProgramName and EducationLevelCode
	 * before AttendancePeriod; the examples carry the qualification in
	 * EducationDegree/hr:DegreeName and EducationLevelCode after
	 * EducationDegree, and no ProgramName.
	 */
	[ATTENDANCE] = { EDUCATION, EP, "EducationOrganizationAttendance", 0, 1,
	                 N, ELS },
	[ATT_ORG_NAME] = { ATTENDANCE, HR, "OrganizationName", 0, 0, 1, TXT },
	[ATT_CONTACT] = { ATTENDANCE, EP, "OrganizationContact", 1, 0, N, ELS },
	[ATT_PERIOD] = { ATTENDANCE, EP, "AttendancePeriod", 2, 0, 1, ELS },
	[DEGREE] = { ATTENDANCE, EP, "EducationDegree", 3, 0, 1, ELS },
	[ATT_LEVEL] = { ATTENDANCE, EP, "EducationLevelCode", 4, 0, N, TXT },
	[ATT_COMM] = { ATT_CONTACT, EP, "Communication", 0, 0, N, ELS },
	[ATT_ADDRESS] = { ATT_COMM, EP, "Address", 0, 0, 1, ELS },
	[ATT_CITY] = { ATT_ADDRESS, OA, "CityName", 0, 0, 1, TXT },
	[ATT_COUNTRY] = { ATT_ADDRESS, EP, "CountryCode", 1, 0, 1, TXT },
	[ATT_START] = { ATT_PERIOD, EP, "StartDate", 0, 0, 1, ELS },
	[ATT_END] = { ATT_PERIOD, EP, "EndDate", 1, 0, 1, ELS },
	[ATT_ONGOING] = { ATT_PERIOD, EP, "Ongoing", 2, 0, 1, BOOL },
	[ATT_START_DATE] = { ATT_START, HR, "FormattedDateTime", 0, 1, 1,
	                     DATE },
	[ATT_END_DATE] = { ATT_END, HR, "FormattedDateTime", 0, 1, 1, DATE },
	[DEG_NAME] = { DEGREE, HR, "DegreeName", 0, 1, 1, TXT },
	[DEG_GRADE] = { DEGREE, EP, "FinalGrade", 1, 0, 1, ELS },
	[DEG_THESIS] = { DEGREE, EP, "Thesis", 2, 0, 1, TXT },
	[DEG_SKILLS] = { DEGREE, EP, "OccupationalSkillsCovered", 3, 0, 1,
	                 TXT },
	[DEG_SCORE] = { DEG_GRADE, HR, "ScoreText", 0, 0, 1, TXT },

	/* docs 3.19 (as eures:Licenses in the examples) */
	[LICENSE] = { LICENSES, EU, "License", 0, 0, N, ELS },
	[LICENSE_TYPE] = { LICENSE, HR, "LicenseTypeCode", 0, 1, 1, TXT },

	/* docs 3.16 */
	[CERT] = { CERTIFICATIONS, EP, "Certification", 0, 0, N, ELS },
	[CERT_NAME] = { CERT, HR, "CertificationName", 0, 0, 1, TXT },
	[CERT_ISSUED] = { CERT, EP, "FirstIssuedDate", 1, 0, 1, ELS },
	[CERT_AUTHORITY] = { CERT, EP, "IssuingAuthority", 2, 0, 1, ELS },
	[CERT_DESCRIPTION] = { CERT, OA, "Description", 3, 0, 1, TXT },
	[CERT_LINK] = { CERT, EP, "Link", 4, 0, N, TXT },
	[CERT_ISSUED_DATE] = { CERT_ISSUED, HR, "FormattedDateTime", 0, 1, 1,
	                       DATE },
	[CERT_AUTHORITY_NAME] = { CERT_AUTHORITY, EP, "Name", 0, 0, 1, TXT },

	/*
	 * docs 3.12. ProficiencyLevel, which BR-COM-49 requires beside a
	 * CompetencyDimension, is in neither example.
	 */
	[LANG] = { QUALIFICATIONS, EP, "PersonCompetency", 0, 0, N, ELS },
	[LANG_ID] = { LANG, EP, "CompetencyID", 0, 1, 1, TXT },
	[LANG_TAXONOMY] = { LANG, HR, "TaxonomyID", 1, 1, 1, TXT },
	[LANG_DIMENSION] = { LANG, EU, "CompetencyDimension", 2, 0, N, ELS },
	[LANG_DIMENSION_TYPE] = { LANG_DIMENSION, HR,
	                          "CompetencyDimensionTypeCode", 0, 1, 1, TXT },
	[LANG_SCORE] = { LANG_DIMENSION, EU, "Score", 1, 1, 1, ELS },
	[LANG_SCORE_TEXT] = { LANG_SCORE, HR, "ScoreText", 0, 1, 1, TXT },

	/*
	 * Digital skills: the examples, not docs 3.32 (DigitalSkills/
	 * DigitalSkillsGroup, whose DigitalSkillsGroupType the docs never
	 * describe).
	 */
	[SKILL] = { SKILLS, EP, "PersonCompetency", 0, 0, N, ELS },
	[SKILL_TAXONOMY] = { SKILL, HR, "TaxonomyID", 0, 1, 1, TXT },
	[SKILL_NAME] = { SKILL, HR, "CompetencyName", 1, 1, 1, TXT },

	/* docs 3.37, 3.38.6 (OtherType: Title, Date, Description, Link) */
	[OTHERS_TITLE] = { OTHERS, EP, "Title", 0, 1, 1, TXT },
	[OTHER] = { OTHERS, EP, "Other", 1, 0, 1, ELS },
	[OTHER_TITLE] = { OTHER, EP, "Title", 0, 1, 1, TXT },
	[OTHER_DESCRIPTION] = { OTHER, EP, "Description", 1, 0, 1, TXT },

	/* not in the docs: examples only */
	[DESIGN] = { RENDERING, EP, "Design", 0, 1, 1, ELS },
	[TEMPLATE] = { DESIGN, EP, "Template", 0, 0, 1, TXT },
	[COLOR] = { DESIGN, EP, "Color", 1, 0, 1, TXT },
	[FONT_SIZE] = { DESIGN, EP, "FontSize", 2, 0, 1, TXT },
	[LOGO] = { DESIGN, EP, "Logo", 3, 0, 1, TXT },
	[PAGE_NUMBERS] = { DESIGN, EP, "PageNumbers", 4, 0, 1, BOOL },
	[SECTIONS] = { DESIGN, EP, "SectionsOrder", 5, 0, 1, ELS },
	[SECTION] = { SECTIONS, EP, "Section", 0, 0, N, ELS },
	[SECTION_TITLE] = { SECTION, EP, "Title", 0, 1, 1, TXT },
};

const size_t l2e__cv_spec_n = ROWS;

static const char *const ns_uris[L2E__CV_NS__N] = {
	[L2E__CV_NS_EUROPASS] = "http://www.europass.eu/1.0",
	[L2E__CV_NS_HR] = "http://www.hr-xml.org/3",
	[L2E__CV_NS_OA] = "http://www.openapplications.org/oagis/9",
	[L2E__CV_NS_EURES] = "http://www.europass_eures.eu/1.0",
};

static const char *const ns_prefixes[L2E__CV_NS__N] = {
	[L2E__CV_NS_EUROPASS] = NULL,
	[L2E__CV_NS_HR] = "hr",
	[L2E__CV_NS_OA] = "oa",
	[L2E__CV_NS_EURES] = "eures",
};

const char *l2e__cv_ns_uri(l2e__cv_ns ns)
{
	return ns_uris[ns];
}

const char *l2e__cv_ns_prefix(l2e__cv_ns ns)
{
	return ns_prefixes[ns];
}

int l2e__cv_ns_find(const char *uri)
{
	int i;

	for (i = 0; uri && i < L2E__CV_NS__N; i++)
		if (strcmp(ns_uris[i], uri) == 0)
			return i;
	return -1;
}

int l2e__cv_spec_child(int parent, l2e__cv_ns ns, const char *name)
{
	int i;

	for (i = 0; i < ROWS; i++)
		if (l2e__cv_spec[i].parent == parent &&
		    l2e__cv_spec[i].ns == ns &&
		    strcmp(l2e__cv_spec[i].name, name) == 0)
			return i;
	return -1;
}

/* n digits at s; -1 when one is not a digit */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int l2e__cv_is_date(const char *s)
{
	int year, month, day;

	if ((year = digits(s, 4)) < 0)
		return 0;
	if (!s[4])
		return 1;
	if (s[4] != '-' || (month = digits(s + 5, 2)) < 1 || month > 12)
		return 0;
	if (!s[7])
		return 1;
	if (s[7] != '-' || (day = digits(s + 8, 2)) < 1 ||
	    !l2e__date_exists(year, month, day))
		return 0;
	if (!s[10])
		return 1;
	/* YYYY-MM-DDThh:mm:ss, which BR-COM-06 also allows */
	return s[10] == 'T' && digits(s + 11, 2) >= 0 &&
	       digits(s + 11, 2) <= 23 && s[13] == ':' &&
	       digits(s + 14, 2) >= 0 && digits(s + 14, 2) <= 59 &&
	       s[16] == ':' && digits(s + 17, 2) >= 0 &&
	       digits(s + 17, 2) <= 59 && !s[19];
}

/* ==== Codes ==== */

/*
 * ISO 639-1 -> ISO 639-2/T, which for these languages is also the ISO
 * 639-3 code. Generated from Debian's iso-codes 4.15.0
 * (/usr/share/iso-codes/json/iso_639-3.json, entries with alpha_2);
 * sorted by the first code. The examples write "eng", "ita", "fra".
 */
static const char *const languages[][2] = {
	{ "aa", "aar" }, { "ab", "abk" }, { "ae", "ave" }, { "af", "afr" },
	{ "ak", "aka" }, { "am", "amh" }, { "an", "arg" }, { "ar", "ara" },
	{ "as", "asm" }, { "av", "ava" }, { "ay", "aym" }, { "az", "aze" },
	{ "ba", "bak" }, { "be", "bel" }, { "bg", "bul" }, { "bi", "bis" },
	{ "bm", "bam" }, { "bn", "ben" }, { "bo", "bod" }, { "br", "bre" },
	{ "bs", "bos" }, { "ca", "cat" }, { "ce", "che" }, { "ch", "cha" },
	{ "co", "cos" }, { "cr", "cre" }, { "cs", "ces" }, { "cu", "chu" },
	{ "cv", "chv" }, { "cy", "cym" }, { "da", "dan" }, { "de", "deu" },
	{ "dv", "div" }, { "dz", "dzo" }, { "ee", "ewe" }, { "el", "ell" },
	{ "en", "eng" }, { "eo", "epo" }, { "es", "spa" }, { "et", "est" },
	{ "eu", "eus" }, { "fa", "fas" }, { "ff", "ful" }, { "fi", "fin" },
	{ "fj", "fij" }, { "fo", "fao" }, { "fr", "fra" }, { "fy", "fry" },
	{ "ga", "gle" }, { "gd", "gla" }, { "gl", "glg" }, { "gn", "grn" },
	{ "gu", "guj" }, { "gv", "glv" }, { "ha", "hau" }, { "he", "heb" },
	{ "hi", "hin" }, { "ho", "hmo" }, { "hr", "hrv" }, { "ht", "hat" },
	{ "hu", "hun" }, { "hy", "hye" }, { "hz", "her" }, { "ia", "ina" },
	{ "id", "ind" }, { "ie", "ile" }, { "ig", "ibo" }, { "ii", "iii" },
	{ "ik", "ipk" }, { "io", "ido" }, { "is", "isl" }, { "it", "ita" },
	{ "iu", "iku" }, { "ja", "jpn" }, { "jv", "jav" }, { "ka", "kat" },
	{ "kg", "kon" }, { "ki", "kik" }, { "kj", "kua" }, { "kk", "kaz" },
	{ "kl", "kal" }, { "km", "khm" }, { "kn", "kan" }, { "ko", "kor" },
	{ "kr", "kau" }, { "ks", "kas" }, { "ku", "kur" }, { "kv", "kom" },
	{ "kw", "cor" }, { "ky", "kir" }, { "la", "lat" }, { "lb", "ltz" },
	{ "lg", "lug" }, { "li", "lim" }, { "ln", "lin" }, { "lo", "lao" },
	{ "lt", "lit" }, { "lu", "lub" }, { "lv", "lav" }, { "mg", "mlg" },
	{ "mh", "mah" }, { "mi", "mri" }, { "mk", "mkd" }, { "ml", "mal" },
	{ "mn", "mon" }, { "mr", "mar" }, { "ms", "msa" }, { "mt", "mlt" },
	{ "my", "mya" }, { "na", "nau" }, { "nb", "nob" }, { "nd", "nde" },
	{ "ne", "nep" }, { "ng", "ndo" }, { "nl", "nld" }, { "nn", "nno" },
	{ "no", "nor" }, { "nr", "nbl" }, { "nv", "nav" }, { "ny", "nya" },
	{ "oc", "oci" }, { "oj", "oji" }, { "om", "orm" }, { "or", "ori" },
	{ "os", "oss" }, { "pa", "pan" }, { "pi", "pli" }, { "pl", "pol" },
	{ "ps", "pus" }, { "pt", "por" }, { "qu", "que" }, { "rm", "roh" },
	{ "rn", "run" }, { "ro", "ron" }, { "ru", "rus" }, { "rw", "kin" },
	{ "sa", "san" }, { "sc", "srd" }, { "sd", "snd" }, { "se", "sme" },
	{ "sg", "sag" }, { "sh", "hbs" }, { "si", "sin" }, { "sk", "slk" },
	{ "sl", "slv" }, { "sm", "smo" }, { "sn", "sna" }, { "so", "som" },
	{ "sq", "sqi" }, { "sr", "srp" }, { "ss", "ssw" }, { "st", "sot" },
	{ "su", "sun" }, { "sv", "swe" }, { "sw", "swa" }, { "ta", "tam" },
	{ "te", "tel" }, { "tg", "tgk" }, { "th", "tha" }, { "ti", "tir" },
	{ "tk", "tuk" }, { "tl", "tgl" }, { "tn", "tsn" }, { "to", "ton" },
	{ "tr", "tur" }, { "ts", "tso" }, { "tt", "tat" }, { "tw", "twi" },
	{ "ty", "tah" }, { "ug", "uig" }, { "uk", "ukr" }, { "ur", "urd" },
	{ "uz", "uzb" }, { "ve", "ven" }, { "vi", "vie" }, { "vo", "vol" },
	{ "wa", "wln" }, { "wo", "wol" }, { "xh", "xho" }, { "yi", "yid" },
	{ "yo", "yor" }, { "za", "zha" }, { "zh", "zho" }, { "zu", "zul" },
};

static int cmp_language(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

const char *l2e__cv_language(const char *code)
{
	const char *const *hit;

	if (strlen(code) == 3)
		return code;
	hit = bsearch(code, languages, sizeof(languages) / sizeof(languages[0]),
	              sizeof(languages[0]), cmp_language);
	return hit ? hit[1] : NULL;
}

void l2e__cv_country(char out[3], const char *iso)
{
	const char *code = l2e__europass_country(iso);

	out[0] =
	    (char)(code[0] >= 'A' && code[0] <= 'Z' ? code[0] + 32 : code[0]);
	out[1] =
	    (char)(code[1] >= 'A' && code[1] <= 'Z' ? code[1] + 32 : code[1]);
	out[2] = '\0';
}
