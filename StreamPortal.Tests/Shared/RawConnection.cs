using System.Net.Sockets;
using System.Text;

namespace StreamPortal.Tests.Shared;

/// <summary>
/// One TCP connection to the portal that sends whatever bytes a test wants (broken chunked framing, bodies cut
/// short, trickles) and reads back what the server answered, if anything.
/// </summary>
public sealed class RawConnection : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;

    private RawConnection(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    public static async Task<RawConnection> OpenAsync(Uri baseAddress, CancellationToken ct = default)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, ct);
        return new RawConnection(tcp);
    }

    /// <summary>The request line and headers of a hook POST (no body), ending with the blank line.</summary>
    public static byte[] Head(string path, string headers) =>
        Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json;charset=UTF-8\r\n{headers}\r\n");

    public async Task SendAsync(byte[] bytes, CancellationToken ct = default)
    {
        await _stream.WriteAsync(bytes, ct);
        await _stream.FlushAsync(ct);
    }

    public Task SendAsync(string ascii, CancellationToken ct = default) => SendAsync(Encoding.ASCII.GetBytes(ascii), ct);

    /// <summary>Tells the server nothing more will come (a half close); the answer can still be read.</summary>
    public void EndSending() => _tcp.Client.Shutdown(SocketShutdown.Send);

    /// <summary>
    /// Reads until the server closes the connection or a whole response (headers and Content-Length body) has come.
    /// </summary>
    /// <returns>The status and the text of the response; null when the server closed or reset without answering.</returns>
    public async Task<RawResponse?> ReadResponseAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var read = await _stream.ReadAsync(buffer, cts.Token);
                if (read == 0) break;
                received.Write(buffer, 0, read);
                if (RawResponse.TryParse(received.ToArray()) is { Complete: true } done) return done;
            }
        }
        catch (IOException) { }
        catch (OperationCanceledException) { throw new TimeoutException($"No answer and no close within {timeout.TotalSeconds:0} s."); }
        return RawResponse.TryParse(received.ToArray());
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}

public sealed record RawResponse(int Status, string Head, string Body, bool Complete)
{
    public static RawResponse? TryParse(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0 || !text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal)) return null;
        var head = text[..end];
        var status = int.Parse(head.AsSpan(9, 3));
        var body = text[(end + 4)..];
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var chunked = head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        var complete = chunked ? body.EndsWith("0\r\n\r\n", StringComparison.Ordinal)
            : lengthLine is not null && Encoding.UTF8.GetByteCount(body) >= int.Parse(lengthLine[15..].Trim());
        return new RawResponse(status, head, body, complete);
    }
}
