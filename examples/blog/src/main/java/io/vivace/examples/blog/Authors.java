package io.vivace.examples.blog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import io.vivace.auth.AuthUser;
import io.vivace.auth.module.Account;
import io.vivace.db.Sql;
import io.vivace.problem.ProblemException;

/**
 * How blog users and auth accounts relate: one blog user per account, linked by
 * {@code users.account_id} (migration V2). Signing up at {@code POST /auth/signup} creates the
 * account and, in the same transaction, its blog user (named after the e-mail's local part). The
 * token's subject is the account id; writes find their author with {@link #OF_ACCOUNT}. Seeded
 * users and users made with {@code POST /users} have no account, so they cannot log in.
 */
final class Authors {
  /** The blog user id of the account in parameter $2. */
  static final String OF_ACCOUNT = "(SELECT id FROM users WHERE account_id = $2)";

  private Authors() {
  }

  /** The signup hook: the account's blog user. */
  static Future<?> created(Sql tx, Account account) {
    String email = account.email();
    return tx.execute("INSERT INTO users (email, name, account_id) VALUES ($1, $2, $3)",
        Tuple.of(email, email.substring(0, email.indexOf('@')), account.id()));
  }

  /** The token's account id. */
  static long account(AuthUser user) {
    try {
      return Long.parseLong(user.id());
    } catch (NumberFormatException e) {
      throw ProblemException.of(403, "The token's subject is not an account of this blog.");
    }
  }
}
