/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * schema_set.c - the official Europass v3.4.1 schema set, pinned: each
 * file's place in a schema folder, its SHA-256, and where upstream
 * keeps it. Data only; schemas.c installs and checks it.
 *
 * Where the files come from: Europass's own host for them
 * (https://europass.cedefop.europa.eu/xml/) is retired. Cedefop's
 * repository of the Europass web application, europass/ewa-cedefop on
 * GitHub, keeps the v3.4.1 XSDs and the JSON schema; the four "imported"
 * XSDs (EQF, ISCED 97, NACE, the EU driving licence) are not in it and
 * come from the MIT-licensed mirror jdlopez/europass, with its licence
 * text. Both are read at fixed commits, and every file is checked
 * against its SHA-256 below, so a changed upstream or a mirror cannot
 * slip in another file. catalog.xml is ours: it maps the XSDs' absolute
 * URLs to the local copies (validate_xsd.c) and is written from here.
 */
#include "schemas/schema_set.h"

#include <stddef.h>

const char l2e__schema_origin[][160] = {
	[L2E__FROM_LIBRARY] = "",
	[L2E__FROM_CEDEFOP] = "https://raw.githubusercontent.com/europass/"
	                      "ewa-cedefop/"
	                      "fee3b9758c6e3784e819260216c6f6d34021d562/"
	                      "services/core/src/main/resources/",
	[L2E__FROM_MIRROR] = "https://raw.githubusercontent.com/jdlopez/"
	                     "europass/"
	                     "aeaaac8cd5de6541f45630ab4e366b14871c63a3/",
};

/* catalog.xml, byte for byte (its SHA-256 is pinned below) */
const char l2e__schema_catalog[] =
    "<?xml version=\"1.0\"?>\n"
    "<!-- Maps the absolute schemaLocation URLs used by the Europass v3.4"
    ".x XSDs to local copies (offline validation). -->\n"
    "<catalog xmlns=\"urn:oasis:names:tc:entity:xmlns:xml:catalog\">\n"
    "  <rewriteURI uriStartString=\"https://europass.cedefop.europa.eu/xm"
    "l/\" rewritePrefix=\"./\"/>\n"
    "  <rewriteURI uriStartString=\"http://europass.cedefop.europa.eu/xml"
    "/\" rewritePrefix=\"./\"/>\n"
    "  <rewriteSystem systemIdStartString=\"https://europass.cedefop.euro"
    "pa.eu/xml/\" rewritePrefix=\"./\"/>\n"
    "  <rewriteSystem systemIdStartString=\"http://europass.cedefop.europ"
    "a.eu/xml/\" rewritePrefix=\"./\"/>\n"
    "</catalog>\n";

const l2e__schema_row l2e__schema_set[] = {
	{ "v3.4.1/jsonschema/Europass_JSONSchema_V3.4.1.json",
	  "a550ac48ac3e3f4b853c7b4843dd5985cea7aa9cd4c495377a2fcfdcfb170064",
	  L2E__FROM_CEDEFOP, "json/v3.4.1/Europass_JSONSchema.json" },
	{ "v3.4.1/xsd/Achievement.xsd",
	  "edb0c4c64b95b3c0f9bfc462ed93a055007a0e92d699b7685bcb998e91a3a17d",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Achievement.xsd" },
	{ "v3.4.1/xsd/Certificate.xsd",
	  "8bbe712c35f3f7030a19e5b201da37f3350bb9bd0c6dd1a71e7e2e8457e58781",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Certificate.xsd" },
	{ "v3.4.1/xsd/CommonTypes.xsd",
	  "f6419cd8495bf67502dfc76c2624511ec4ff422228354963a32eedafc55747cc",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/CommonTypes.xsd" },
	{ "v3.4.1/xsd/ComputerSkill.xsd",
	  "cc998453f746b2818c0c8b56b13378c19462edb31e9a46a511d81b4092e670e0",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/ComputerSkill.xsd" },
	{ "v3.4.1/xsd/ContactInformation.xsd",
	  "e245a5725e29bd1f948b371405761a4d0084ea16f9072cdebda9bbcc050706fa",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/ContactInformation.xsd" },
	{ "v3.4.1/xsd/Demographics.xsd",
	  "04a36132fa6c7aad8b278910b244b1436a5bcfff5f8bb67923dffef6ad7aaf27",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Demographics.xsd" },
	{ "v3.4.1/xsd/DigitalContent.xsd",
	  "46be9484ad9289645123f048a9dcbcd0e0e0e634a8a24cae7deca5cbcaa828b7",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/DigitalContent.xsd" },
	{ "v3.4.1/xsd/DocumentInformation.xsd",
	  "628621019d1aadf19c74187dfcb7f0a67ba7d5f36eec9de5f15ff43ebc274d5c",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/DocumentInformation.xsd" },
	{ "v3.4.1/xsd/Documentation.xsd",
	  "10363bd3120ecc3bb6ea8317cfe7d5a48af7b0f7d3d6f8bcb5da9190d9b8d775",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Documentation.xsd" },
	{ "v3.4.1/xsd/DrivingSkill.xsd",
	  "61e7019e9a1a3cd21f07180737fb18e997a8e47924a8c3e2ef3b56d5b0038e42",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/DrivingSkill.xsd" },
	{ "v3.4.1/xsd/EducationalExperience.xsd",
	  "e47ad2fd248d060f9a602872a085ce76e768b3a5b0e329248889d1963dd4e012",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/EducationalExperience.xsd" },
	{ "v3.4.1/xsd/EmploymentExperience.xsd",
	  "be24a357c029969aa6fa6899a7dae3f8372c7b6300d24f325aeb042490d06124",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/EmploymentExperience.xsd" },
	{ "v3.4.1/xsd/EuropassCoverLetter.xsd",
	  "496448ee61155fb0344837e5429ea7e42b358f9c1e35828b5eea69288e879fa3",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/EuropassCoverLetter.xsd" },
	{ "v3.4.1/xsd/EuropassLearnerInformation.xsd",
	  "f625fd65a0cc342bff633bcd8b4be3ad6201c9a664075d78ef5970e2895748f3",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/EuropassLearnerInformation.xsd" },
	{ "v3.4.1/xsd/EuropassPrintingPreferences.xsd",
	  "07fe3afae200c07f82a800dae425e7b91e7ba2b8792537ae936f4bd3b4002d5b",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/EuropassPrintingPreferences.xsd" },
	{ "v3.4.1/xsd/EuropassSchema.xsd",
	  "ac35fc73b1497f57dc4de57d2e9ac6adf542ce1ca7e0d3ad09646008c309b062",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/EuropassSchema.xsd" },
	{ "v3.4.1/xsd/Experience.xsd",
	  "91f41bf97ef0dc52d7aa10711c44aac35853401183e134ddc75270db2b7dab2a",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Experience.xsd" },
	{ "v3.4.1/xsd/Headline.xsd",
	  "260f2bd0177c9cdf3042fdd829d017e6e818b9081c322c97b4fec26b1af1c17f",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Headline.xsd" },
	{ "v3.4.1/xsd/Identification.xsd",
	  "c4072686c4ad859b853cf7fd90cad53d5cb83188af230c675e6c89d146ae1a8b",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Identification.xsd" },
	{ "v3.4.1/xsd/Language.xsd",
	  "f092d7e8ed9d6cdbd41537219dfe5def2d5b85e529abe5a5dbe69b0c9cdde6a4",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Language.xsd" },
	{ "v3.4.1/xsd/Letter.xsd",
	  "d2da9de04ba0357251cb1b163a55860dce433d0e7cff438a145692511f01d72b",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Letter.xsd" },
	{ "v3.4.1/xsd/LinguisticSkill.xsd",
	  "67fe917866a73742e994e75abed26b01cc34e3c3fe97f426348290dbaa9bebfc",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/LinguisticSkill.xsd" },
	{ "v3.4.1/xsd/OccupationalField.xsd",
	  "db2af1c3d564b04398007ce76033955b78b874770346eb50f0b0d8315441fff9",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/OccupationalField.xsd" },
	{ "v3.4.1/xsd/Organisation.xsd",
	  "6b7053f69a9d222de555a380009d0ab364d92f742399b6ab486ea0c431fed51c",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Organisation.xsd" },
	{ "v3.4.1/xsd/PersonName.xsd",
	  "bc5b60e08b01e34d51f258c917d793df0fe2586277d3f4ca82196379f724090a",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/PersonName.xsd" },
	{ "v3.4.1/xsd/Skill.xsd",
	  "bb1e16cbb4bbfe8a46bec9b5122876021bfe57fa9374701a8d0c06d9c134b3f8",
	  L2E__FROM_CEDEFOP, "schema/v3.4.1/Skill.xsd" },
	{ "v3.4.1/xsd/catalog.xml",
	  "c163b90ef377aaac4c859fcd53cf4a3e4d799588ff53a6a880396538344d5fca",
	  L2E__FROM_LIBRARY, NULL },
	{ "v3.4.1/xsd/imported/EQF_08_V1.0.0.xsd",
	  "23253b9eb9d7a31a5fdf35f972223b673bd36300174ef1639253c5bca6f0ce4c",
	  L2E__FROM_MIRROR, "docs/xsd/imported/EQF_08_V1.0.0.xsd" },
	{ "v3.4.1/xsd/imported/EUDrivingLicence_V1.1.0.xsd",
	  "dd403d0e6d88940afe6d920c747f6785b33fc5ca3d21fefc6cbe7afa138be886",
	  L2E__FROM_MIRROR, "docs/xsd/imported/EUDrivingLicence_V1.1.0.xsd" },
	{ "v3.4.1/xsd/imported/ISCED97_V1.0.0.xsd",
	  "3997422e2543eea120428b546b0442de6b570e61103c0ec2bc6feb2eb4e336b2",
	  L2E__FROM_MIRROR, "docs/xsd/imported/ISCED97_V1.0.0.xsd" },
	{ "v3.4.1/xsd/imported/LICENSE-jdlopez-europass-MIT.txt",
	  "0ffbd49cd6793fa9a8998115147ff00ebd53476dddcdc7a3ea1d0d190cc4ca31",
	  L2E__FROM_MIRROR, "LICENSE" },
	{ "v3.4.1/xsd/imported/NACE_COM_V1.0.0.xsd",
	  "8b376b646b4421c6faa11d574a783c774ee534b91685069e30d4e1c1c5e537b3",
	  L2E__FROM_MIRROR, "docs/xsd/imported/NACE_COM_V1.0.0.xsd" },
	{ "v3.4.1/xsd/included/EuropassAddressFormats_V1.3.0.xsd",
	  "142d373947434023220feebc5a2d495944526b44c64ec1386d175c96d6fbe301",
	  L2E__FROM_CEDEFOP,
	  "schema/v3.4.1/included/EuropassAddressFormats_V1.3.0.xsd" },
	{ "v3.4.1/xsd/included/EuropassISOCountries_V1.7.0.xsd",
	  "e6ef95b0247126d257d52937b8060fcf169005eb5b5f06fc21d03d18fdd13040",
	  L2E__FROM_CEDEFOP,
	  "schema/v3.4.1/included/EuropassISOCountries_V1.7.0.xsd" },
	{ "v3.4.1/xsd/included/EuropassISOLanguages_V1.10.0.xsd",
	  "912968cd1df10471cdadf9efcf5e9204543202c8555a031cefede099cdda6425",
	  L2E__FROM_CEDEFOP,
	  "schema/v3.4.1/included/EuropassISOLanguages_V1.10.0.xsd" },
	{ "v3.4.1/xsd/included/EuropassNationalities_V1.7.0.xsd",
	  "a979c381d24b0ca624c77bfd262d06f5e515f3eda810aa541ef37831b656e84c",
	  L2E__FROM_CEDEFOP,
	  "schema/v3.4.1/included/EuropassNationalities_V1.7.0.xsd" },
	{ NULL, NULL, L2E__FROM_LIBRARY, NULL }
};
