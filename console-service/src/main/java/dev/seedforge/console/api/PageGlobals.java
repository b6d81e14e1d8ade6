package dev.seedforge.console.api;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;

import dev.seedforge.support.security.ApiAccess;

/** Values every page's layout reads. */
@TemplateGlobal
public final class PageGlobals {

    private PageGlobals() {
    }

    /** Whether this deployment asks for a token, so the layout offers to sign out. */
    static boolean signInOn() {
        return Arc.container().instance(ApiAccess.class).get().enabled();
    }
}
