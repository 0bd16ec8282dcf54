/**
 * Release: releases as people handle them. Which exist and how they came to be, which is active since
 * when and by whom, deploying and rolling back (deployers only), downloading a kjar and its sources,
 * and tracing a logged decision back to the rules, change requests and approvers that made it.
 */
package com.careplace.workbench.release;
