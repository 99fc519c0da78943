package dev.ocrcli.server;

import io.javalin.http.Context;

/** Writing answers on a Javalin context; the byte count is kept for the access log. */
final class Replies {
    /** Context attribute: bytes of the answer's body. */
    static final String OUT_BYTES = "ocrcli.outBytes";

    private Replies() {
    }

    static void send(Context ctx, int status, String type, byte[] body) {
        ctx.status(status);
        ctx.contentType(type);
        ctx.attribute(OUT_BYTES, body.length);
        ctx.result(body);
    }

    static void json(Context ctx, int status, Errors.JsonBody body) {
        send(ctx, status, Errors.JSON_TYPE, Errors.json(body));
    }

    static void error(Context ctx, ApiError e) {
        if (e.retryAfterSeconds > 0) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds));
        }
        send(ctx, e.status, Errors.JSON_TYPE, Errors.body(e));
    }
}
