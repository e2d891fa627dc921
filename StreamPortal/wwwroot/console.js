// Small browser helpers for the console: clipboard copy and the "reconnecting" state of the live indicator.
window.streamPortal = {
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
