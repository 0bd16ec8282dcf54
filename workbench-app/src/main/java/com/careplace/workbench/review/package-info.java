/**
 * Review: approving or rejecting submitted change requests (four eyes), and turning an approval
 * into a release the decision service can deploy.
 */
package com.careplace.workbench.review;
