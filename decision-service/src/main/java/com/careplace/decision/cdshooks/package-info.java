/**
 * CDS Hooks: how EHRs ask the decision service for a placement with FHIR R4 data, get cards back, and say what the
 * clinician did with them.
 */
package com.careplace.decision.cdshooks;
