package io.junction.api.auth;

/**
 * The authenticator's answer.
 *
 * @param allowed   whether the client may connect
 * @param principal the identity to act as (the user name, or {@code anonymous}) when allowed
 * @param reason    why not, when not allowed; shown in logs, never to the client beyond its protocol's code
 */
public record AuthResult(boolean allowed, String principal, String reason) {

    public static AuthResult allow(String principal) {
        return new AuthResult(true, principal, null);
    }

    public static AuthResult deny(String reason) {
        return new AuthResult(false, null, reason);
    }
}
