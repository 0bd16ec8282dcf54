/**
 * Account: who may sign in and what they may do. Users and their roles (author, reviewer, deployer,
 * administrator), one-time passwords (expiring) and the forced first change, sign-in throttling and
 * auditing, sessions that end when their account changes, Spring Security's configuration, and the API
 * keys of calling systems (kept by the decision service). Screens in {@code ui}.
 */
package com.careplace.workbench.account;
