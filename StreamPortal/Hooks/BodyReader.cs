namespace StreamPortal.Hooks;

/// <summary>Reads a request body up to a limit; an oversize body keeps only its first bytes (for the rejected record).</summary>
internal static class BodyReader
{
    /// <summary>How much of an oversize body is kept as evidence.</summary>
    public const int OversizeKeptBytes = 64 * 1024;

    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength is { } declared && declared > limit)
        {
            var head = await ReadUpTo(request.Body, OversizeKeptBytes, ct);
            return new BodyReadResult(head, TooLarge: true, declared);
        }
        if (request.ContentLength is { } length)
        {
            // The usual case (WCS sends Content-Length): one array of exactly that size.
            var exact = new byte[length];
            var read = await request.Body.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, ct);
            // A body cut short is kept as it came; the parser then rejects it as invalid JSON (and it is stored).
            return new BodyReadResult(read == exact.Length ? exact : exact[..read], TooLarge: false, length);
        }
        var buffer = await ReadUpTo(request.Body, limit + 1, ct);
        return buffer.Length > limit
            ? new BodyReadResult(buffer[..OversizeKeptBytes], TooLarge: true, null)
            : new BodyReadResult(buffer, TooLarge: false, buffer.Length);
    }

    private static async Task<byte[]> ReadUpTo(Stream stream, int max, CancellationToken ct, int initial = 4096)
    {
        var buffer = new byte[Math.Min(Math.Max(initial, 1), max)];
        var filled = 0;
        while (filled < max)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, Math.Min(buffer.Length * 2, max));
            var read = await stream.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), ct);
            if (read == 0) break;
            filled += read;
        }
        if (filled != buffer.Length) Array.Resize(ref buffer, filled);
        return buffer;
    }
}

internal readonly record struct BodyReadResult(byte[] Bytes, bool TooLarge, long? DeclaredLength);
