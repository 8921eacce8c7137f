package io.vivace.auth.module.impl;

import io.vertx.core.Vertx;
import io.vivace.auth.PasswordHasher;
import io.vivace.auth.module.AccountOptions;
import io.vivace.auth.module.MailSender;
import io.vivace.auth.throttle.LoginThrottle;

/**
 * What the module's routes need that exists only once the app started (made by the start hook,
 * before any request): the module's options, the login throttle on its store, the hasher and a
 * dummy hash (so a login for an unknown e-mail costs as much as one with a wrong password), the
 * mail sender (null: reset and verification off), the meters (null: the app's metrics off).
 */
record Started(Vertx vertx, AccountOptions options, LoginThrottle throttle, PasswordHasher hasher, String dummyHash,
    MailSender mail, AuthMeters meters) {
}
