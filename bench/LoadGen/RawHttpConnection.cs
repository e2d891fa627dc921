using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bench.LoadGen;

/// <summary>
/// One keep-alive HTTP/1.1 connection on a raw socket: sends ready request bytes and reads one response
/// (Content-Length or chunked). Far cheaper per request than HttpClient, so on 2 shared cores the generator takes
/// less CPU from the server under test, and the same cost for baseline and portal.
/// </summary>
internal sealed class RawHttpConnection(IPEndPoint endpoint) : IDisposable
{
    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _pos;
    private int _len;

    /// <summary>Sends one request and returns the response status once the whole response has been read.</summary>
    public async ValueTask<int> SendAsync(byte[] request, CancellationToken ct)
    {
        try
        {
            if (_socket is null) await ConnectAsync(ct);
            var sent = 0;
            while (sent < request.Length)
                sent += await _socket!.SendAsync(request.AsMemory(sent), SocketFlags.None, ct);
            return await ReadResponseAsync(ct);
        }
        catch
        {
            Reset();
            throw;
        }
    }

    private async ValueTask ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint, ct);
        _socket = socket;
        _pos = _len = 0;
    }

    private async ValueTask<int> ReadResponseAsync(CancellationToken ct)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_pos, _len - _pos).IndexOf("\r\n\r\n"u8)) < 0) await FillAsync(ct);
        var head = Encoding.ASCII.GetString(_buffer, _pos, headerEnd);
        _pos += headerEnd + 4;
        if (head.Length < 12 || !head.StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(head.AsSpan(9, 3), out var status))
            throw new IOException($"Not an HTTP response: '{head[..Math.Min(head.Length, 40)]}'.");

        long contentLength = 0;
        var chunked = false;
        var close = false;
        foreach (var line in head.Split("\r\n").Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            var name = line.AsSpan(0, colon).Trim();
            var value = line.AsSpan(colon + 1).Trim();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) contentLength = long.Parse(value);
            else if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)) chunked = value.Contains("chunked", StringComparison.OrdinalIgnoreCase);
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase)) close = value.Equals("close", StringComparison.OrdinalIgnoreCase);
        }

        if (chunked)
        {
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct);
                var semicolon = sizeLine.IndexOf(';');
                var size = Convert.ToInt64(semicolon >= 0 ? sizeLine[..semicolon] : sizeLine, 16);
                if (size == 0)
                {
                    while ((await ReadLineAsync(ct)).Length > 0) { } // trailers, then the empty line
                    break;
                }
                await SkipAsync(size, ct);
                await ReadLineAsync(ct);
            }
        }
        else await SkipAsync(contentLength, ct);

        if (close) Reset();
        return status;
    }

    private async ValueTask<string> ReadLineAsync(CancellationToken ct)
    {
        int end;
        while ((end = _buffer.AsSpan(_pos, _len - _pos).IndexOf("\r\n"u8)) < 0) await FillAsync(ct);
        var line = Encoding.ASCII.GetString(_buffer, _pos, end);
        _pos += end + 2;
        return line;
    }

    private async ValueTask SkipAsync(long count, CancellationToken ct)
    {
        while (count > 0)
        {
            if (_pos == _len) await FillAsync(ct);
            var take = (int)Math.Min(count, _len - _pos);
            _pos += take;
            count -= take;
        }
    }

    private async ValueTask FillAsync(CancellationToken ct)
    {
        if (_pos == _len) _pos = _len = 0;
        else if (_len == _buffer.Length)
        {
            if (_pos > 0)
            {
                Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _len - _pos);
                _len -= _pos;
                _pos = 0;
            }
            else Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_len), SocketFlags.None, ct);
        if (read == 0) throw new IOException("The server closed the connection.");
        _len += read;
    }

    private void Reset()
    {
        _socket?.Dispose();
        _socket = null;
        _pos = _len = 0;
    }

    public void Dispose() => Reset();
}
