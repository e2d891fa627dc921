// Small browser helpers for the console: clipboard copy, the theme cookies and the "reconnecting" state of the live indicator.
window.streamPortal = {
    // The user's light/dark choice, read by the server on the next request (Components/Layout/ThemePreference.cs).
    rememberTheme: function (theme) {
        document.cookie = "sp-theme=" + (theme === "dark" ? "dark" : "light") + "; path=/; max-age=31536000; SameSite=Lax";
    },
    copy: async function (text) {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // Plain-http deployments have no clipboard API: fall back to a hidden textarea.
            const area = document.createElement("textarea");
            area.value = text;
            area.style.position = "fixed";
            area.style.opacity = "0";
            document.body.appendChild(area);
            area.select();
            const ok = document.execCommand("copy");
            area.remove();
            return ok;
        }
    }
};

(function () {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    modal.addEventListener("components-reconnect-state-changed", function (event) {
        const down = event.detail.state === "show" || event.detail.state === "retrying" || event.detail.state === "failed";
        document.body.classList.toggle("live-reconnecting", down);
    });
})();

// The details drawer: focus goes into it when it opens and back to what opened it (a row) when it closes, so that a
// keyboard user keeps their place in the list.
(function () {
    let opener = null;
    let openerEventId = null;
    window.streamPortal.drawerOpened = function (selector) {
        const active = document.activeElement;
        const panel = document.querySelector(selector);
        if (active && panel && !panel.contains(active) && active !== document.body) {
            opener = active;
            const row = active.closest("[data-event-id]");
            openerEventId = row ? row.getAttribute("data-event-id") : null;
        }
        if (panel) panel.focus();
    };
    window.streamPortal.drawerClosed = function () {
        let target = opener && opener.isConnected ? opener : null;
        // The list may have re-rendered the row: find it again by its hook id.
        if (!target && openerEventId) target = document.querySelector("[data-event-id='" + CSS.escape(openerEventId) + "'][tabindex]");
        opener = null;
        openerEventId = null;
        if (target) target.focus();
    };
})();

// The OS setting as of this visit, so that the server renders the next page in it before the circuit can ask
// (without it a user on a dark OS would see a light page flip to dark on every load).
(function () {
    const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    document.cookie = "sp-system-theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; SameSite=Lax";
})();
