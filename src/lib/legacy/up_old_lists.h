/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * up_old_lists.h - the lists of a v1.x/v2.0 document made into v3.4
 * (up_old_lists.c): work, education, languages and skills, other
 * information, each under the new LearnerInfo `learner`.
 */
#ifndef L2E_LEGACY_UP_OLD_LISTS_H
#define L2E_LEGACY_UP_OLD_LISTS_H

#include "legacy/old_build.h"

void l2e__old_work(l2e__old *b, xmlNode *learner, const xmlNode *src);
void l2e__old_education(l2e__old *b, xmlNode *learner, const xmlNode *src);
void l2e__old_skills(l2e__old *b, xmlNode *learner, const xmlNode *root);
void l2e__old_misc(l2e__old *b, xmlNode *learner, const xmlNode *src);

#endif
