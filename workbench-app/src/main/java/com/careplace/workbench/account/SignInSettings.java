package com.careplace.workbench.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Settings under {@code careplace.sign-in}: how guessing passwords is slowed down, and how long a
 * one-time password lasts.
 *
 * @param throttling               whether failed sign-ins pause further attempts at all (off only to measure
 *                                 or in an emergency: the tests show what guessing achieves without it)
 * @param accountFailures          failed sign-ins in a row for one name before its sign-ins pause
 * @param addressFailures          failed sign-ins from one client address (any names) before its sign-ins pause;
 *                                 higher, since colleagues may share an address
 * @param firstPause               the first pause; each further failure doubles it
 * @param longestPause             the cap on the doubling
 * @param forgetAfter              failures older than this (counted from the last attempt) are forgotten; longer
 *                                 than {@code longestPause}, or waiting out a pause would reset the count
 * @param oneTimePasswordValidity  how long a one-time password (new user, reset) can be used to sign in
 */
@ConfigurationProperties("careplace.sign-in")
public record SignInSettings(Boolean throttling, Integer accountFailures, Integer addressFailures, Duration firstPause,
                             Duration longestPause, Duration forgetAfter, Duration oneTimePasswordValidity) {

    public SignInSettings {
        throttling = throttling == null || throttling;
        accountFailures = accountFailures == null ? 5 : accountFailures;
        addressFailures = addressFailures == null ? 20 : addressFailures;
        firstPause = firstPause == null ? Duration.ofMinutes(1) : firstPause;
        longestPause = longestPause == null ? Duration.ofMinutes(15) : longestPause;
        forgetAfter = forgetAfter == null ? Duration.ofHours(1) : forgetAfter;
        oneTimePasswordValidity = oneTimePasswordValidity == null ? Duration.ofHours(72) : oneTimePasswordValidity;
        if (accountFailures < 1 || addressFailures < 1) {
            throw new IllegalArgumentException("careplace.sign-in.account-failures and address-failures must be at least 1");
        }
        if (firstPause.isNegative() || firstPause.isZero() || longestPause.compareTo(firstPause) < 0) {
            throw new IllegalArgumentException("careplace.sign-in.first-pause must be positive and at most longest-pause");
        }
        if (forgetAfter.compareTo(longestPause) <= 0) {
            throw new IllegalArgumentException("careplace.sign-in.forget-after must be longer than longest-pause");
        }
        if (oneTimePasswordValidity.isNegative() || oneTimePasswordValidity.isZero()) {
            throw new IllegalArgumentException("careplace.sign-in.one-time-password-validity must be positive");
        }
    }

    /** The defaults: what an installation without these settings gets. */
    public static SignInSettings defaults() {
        return new SignInSettings(null, null, null, null, null, null, null);
    }

    /** The pause after {@code failures} failures in a row, given the threshold they crossed. */
    Duration pauseAfter(int failures, int threshold) {
        int doublings = Math.min(failures - threshold, 30);
        Duration pause = firstPause.multipliedBy(1L << doublings);
        return pause.compareTo(longestPause) > 0 ? longestPause : pause;
    }
}
