// Downloads an export with progress: fetches it (the session cookie goes along), counts lines and bytes as they
// arrive against the X-Total-Count header, reports to the component, then saves the rows as a file.
// A module loaded by ExportMenu.razor: no inline script, so the console's CSP (script-src 'self') allows it.
export async function download(url, fileName, component) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: '*/*' } });
    if (!response.ok) {
        return { ok: false, status: response.status, rows: 0, bytes: 0, message: await response.text() };
    }
    const total = Number(response.headers.get('X-Total-Count') ?? '0');
    const reader = response.body.getReader();
    const chunks = [];
    let bytes = 0;
    let lines = 0;
    let reported = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        bytes += value.length;
        for (let i = 0; i < value.length; i++) if (value[i] === 10) lines++;
        const now = Date.now();
        if (now - reported > 250) {
            reported = now;
            await component.invokeMethodAsync('Progress', lines, total, bytes);
        }
    }
    await component.invokeMethodAsync('Progress', lines, total, bytes);
    const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    return { ok: true, status: response.status, rows: lines, bytes: bytes, message: null };
}
