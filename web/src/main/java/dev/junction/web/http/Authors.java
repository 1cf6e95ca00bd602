package dev.junction.web.http;

import io.javalin.http.Context;

/** Who is making a change: the name of the admin token that authenticated the request. */
public final class Authors {
    /** Request attribute that the admin-token check sets to the token's name. */
    public static final String ATTRIBUTE = "junction.admin";

    private Authors() {}

    public static String of(Context ctx) {
        Object name = ctx.attribute(ATTRIBUTE);
        return name == null ? "admin" : name.toString();
    }
}
