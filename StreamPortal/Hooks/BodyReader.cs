using System.Buffers;

namespace StreamPortal.Hooks;

/// <summary>
/// Reads a request body up to a limit into pooled buffers that grow as bytes arrive (a declared Content-Length costs
/// nothing until its bytes come), then copies it into one exact-size array. An oversize body keeps only its first
/// bytes, and a body that breaks off (bad chunked framing, too slow, connection lost) keeps what arrived: both are
/// stored as rejected events, so nothing that arrived is lost.
/// </summary>
internal static class BodyReader
{
    /// <summary>How much of an oversize body is kept as evidence.</summary>
    public const int OversizeKeptBytes = 64 * 1024;

    /// <summary>Bigger than nearly every WCS hook, so the common body takes one rented buffer and no growth.</summary>
    private const int FirstBufferBytes = 8 * 1024;

    public static async Task<BodyReadResult> ReadAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        var declared = request.ContentLength;
        var declaredTooLarge = declared > limit;
        // Reading one byte past the limit tells an oversize chunked body from one of exactly the limit.
        var max = declaredTooLarge ? OversizeKeptBytes : declared is { } n ? (int)n : limit + 1;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, Math.Min(FirstBufferBytes, max)));
        var filled = 0;
        BodyFailure? failure = null;
        try
        {
            while (filled < max)
            {
                if (filled == buffer.Length) buffer = Grow(buffer, Math.Min(buffer.Length * 2, max));
                var read = await request.Body.ReadAsync(buffer.AsMemory(filled, buffer.Length - filled), ct);
                if (read == 0) break;
                filled += read;
            }
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's verdict on the framing: bad chunk size, body shorter than declared, data arriving too slowly.
            failure = new BodyFailure(ex.StatusCode, ex.Message);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            failure = new BodyFailure(StatusCodes.Status400BadRequest, "The connection was closed before the body was complete.");
        }

        var bytes = buffer.AsSpan(0, Math.Min(filled, declaredTooLarge || filled <= limit ? filled : OversizeKeptBytes)).ToArray();
        ArrayPool<byte>.Shared.Return(buffer);
        if (failure is not null) return new BodyReadResult(bytes, TooLarge: false, declared, failure);
        if (declaredTooLarge || filled > limit) return new BodyReadResult(bytes, TooLarge: true, declared, null);
        return new BodyReadResult(bytes, TooLarge: false, declared ?? filled, null);
    }

    private static byte[] Grow(byte[] buffer, int size)
    {
        var grown = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan().CopyTo(grown);
        ArrayPool<byte>.Shared.Return(buffer);
        return grown;
    }
}

/// <summary>Why a body stopped before its end, with the status to answer (400, or 408 for a body too slow).</summary>
internal sealed record BodyFailure(int Status, string Reason);

internal readonly record struct BodyReadResult(byte[] Bytes, bool TooLarge, long? DeclaredLength, BodyFailure? Failure);
