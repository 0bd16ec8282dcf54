package com.careplace.workbench.account;

import java.security.SecureRandom;

/**
 * A password handed to a person once (first admin, new user, reset); they must replace it at sign-in.
 *
 * @param username whose it is
 * @param password the password, shown once and never stored in clear
 */
public record OneTimePassword(String username, String password) {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    static OneTimePassword generate(String username) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new OneTimePassword(username, password.toString());
    }

    @Override
    public String toString() {
        return "OneTimePassword[" + username + "]";
    }
}
