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

// The OS setting as of this visit, so that the server renders the next page in it before the circuit can ask
// (without it a user on a dark OS would see a light page flip to dark on every load).
(function () {
    const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
    document.cookie = "sp-system-theme=" + (dark ? "dark" : "light") + "; path=/; max-age=31536000; SameSite=Lax";
})();
