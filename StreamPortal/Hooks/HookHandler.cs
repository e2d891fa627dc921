using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Options;
using StreamPortal.Data.Entities;
using StreamPortal.Ingest;
using StreamPortal.Metrics;
using StreamPortal.Rules;
using StreamPortal.Wcs;

namespace StreamPortal.Hooks;

/// <summary>
/// The hot path of one hook: read, check the caller, parse, decide, store durably, answer.
/// Whatever arrives is stored, rejected or not, before anything is answered.
/// </summary>
public sealed class HookHandler(
    IngestQueue queue,
    HookCallerCheck callers,
    IHookResponder responder,
    IOptionsMonitor<HookOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    PortalMetrics metrics)
{
    /// <remarks>
    /// A ValueTask from a pooling builder (as <see cref="StoreAsync"/>): every hook waits for its commit, so the state
    /// machine is always boxed, and a pooled box is reused instead of made for each hook. The endpoint awaits it once.
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<IResult> HandleAsync(HttpContext http, string app, string method)
    {
        var start = Stopwatch.GetTimestamp();
        // Routing makes new strings of the route values for every request; the same few are kept instead, as they
        // live on in the writer's duplicate memory and the live feed.
        app = RepeatedStrings.Fields.Get(app);
        method = RepeatedStrings.Fields.Get(method);
        var request = http.Request;
        var limit = options.CurrentValue.MaxBodyBytes;
        var body = await BodyReader.ReadAsync(request, limit, http.RequestAborted);
        var evt = NewEvent(http, app, method, body.Bytes);

        if (body.Failure is { } broken)
        {
            var declared = body.DeclaredLength is { } d ? $" of the {d} declared" : "";
            return await RejectAsync(http, evt, body.Bytes, start,
                broken.Status == StatusCodes.Status408RequestTimeout ? HookRejection.SlowBody : HookRejection.IncompleteBody, broken.Status, "Hook body incomplete",
                $"The body broke off: {broken.Reason} The {body.Bytes.Length} bytes{declared} that arrived are stored.");
        }
        if (body.TooLarge)
        {
            var size = body.DeclaredLength is { } n ? $"{n} bytes" : "more bytes";
            return await RejectAsync(http, evt, body.Bytes, start, HookRejection.TooLarge, StatusCodes.Status413PayloadTooLarge, "Hook body too large",
                $"The body has {size}; the limit is {limit} bytes ({HookOptions.Section}:{nameof(HookOptions.MaxBodyBytes)}). Its first {body.Bytes.Length} bytes are stored.");
        }
        if (!IsJsonContentType(request.ContentType, out var contentTypeProblem))
            return await RejectAsync(http, evt, body.Bytes, start, HookRejection.ContentType, StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", contentTypeProblem);

        var verdict = callers.Check(app, request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, body.Bytes);
        if (!verdict.IsAllowed)
        {
            // A refused caller's hook is still worth its identity fields when it parses (e.g. a stale signature key).
            if (HookBodyParser.Parse(body.Bytes).Fields is { } identity) Identify(evt, identity);
            return await RejectAsync(http, evt, body.Bytes, start,
                verdict.Status == 401 ? HookRejection.Unauthenticated : HookRejection.BadSignature, verdict.Status, verdict.Status == 401 ? "Caller not authenticated" : "Caller signature rejected", verdict.Reason!,
                verdict.Status == 401 ? [KeyValuePair.Create("WWW-Authenticate", $"Basic realm=\"StreamPortal {app}\"")] : null);
        }

        evt.ShadowRefusal = verdict.ShadowRefusal;

        var parsed = HookBodyParser.Parse(body.Bytes);
        if (parsed.Fields is not { } fields)
            return await RejectAsync(http, evt, body.Bytes, start, HookRejection.InvalidBody, StatusCodes.Status400BadRequest, "Invalid hook body", parsed.Error!);

        Identify(evt, fields);
        // Waits (boundedly) on Redis only for a max-hits rule in a cluster; otherwise completes synchronously.
        var decision = await responder.DecideAsync(new HookRequest(app, method, evt.Kind, fields, body.Bytes), CancellationToken.None);
        if (decision.RuleId is { } ruleId) metrics.RuleHit(ruleId);
        var isConnect = evt.Kind == HookKind.Connect;
        var restClientConfig = isConnect && decision.Status == 200 ? responder.RestClientConfigFor(fields.AppKey) : null;
        var (answer, changed) = AnswerBuilder.Build(decision, body.Bytes, restClientConfig);

        evt.AnswerStatus = decision.Status;
        evt.AnswerBody = changed && answer is not null ? Encoding.UTF8.GetString(answer) : null;
        evt.RuleId = decision.RuleId;
        evt.RuleName = decision.RuleName;
        evt.DelayMs = decision.DelayMs;

        var sessionStatus = isConnect ? SessionStatus.AfterConnect(decision.Status)
            : method == WcsMethod.ConnectionStatusEvent ? fields.Status : null;
        // The body's hash is taken here, on the request's thread, so that the single writer only looks it up.
        var item = new IngestItem(evt, body.Bytes, fields, start, sessionStatus, restClientConfig) { DuplicateKey = DuplicateTracker.KeyOf(method, body.Bytes) };
        if (await StoreAsync(item) is { } failed) return Answered(evt, start, failed);

        if (decision.DelayMs > 0)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
            try { await Task.Delay(TimeSpan.FromMilliseconds(decision.DelayMs), time, wait.Token); }
            // Either WCS gave up waiting (its rest_request_timeout) and closed the request, which ClientGoneAsync below
            // records, or the portal is stopping: the stored answer is then sent now, without the rest of the delay,
            // while the server still drains requests (a dropped connection would contradict the recorded answer).
            catch (OperationCanceledException) when (wait.IsCancellationRequested) { }
        }
        if (await ClientGoneAsync(http, evt)) return Answered(evt, start, Results.Empty);
        if (decision.Headers is not null)
            foreach (var (name, value) in decision.Headers) http.Response.Headers[name] = value;
        return Answered(evt, start, answer is null ? Results.StatusCode(decision.Status) : new JsonBytesResult(answer, decision.Status));
    }

    /// <summary>
    /// Counts the answer and its time at each return rather than around the whole method: a wrapping async method
    /// would cost every hook one more state machine. Each answer type here carries its status; Results.Empty (the
    /// caller left) has none.
    /// </summary>
    private IResult Answered(HookEvent evt, long start, IResult result)
    {
        metrics.HookAnswered(evt.Method, (result as IStatusCodeHttpResult)?.StatusCode, start);
        return result;
    }

    private async Task<IResult> RejectAsync(HttpContext http, HookEvent evt, byte[] rawBody, long start, HookRejection reason, int status, string title,
        string detail, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        metrics.HookRejected(reason);
        evt.Rejected = true;
        evt.RejectReason = detail;
        evt.AnswerStatus = status;
        if (await StoreAsync(new IngestItem(evt, rawBody, null, start, null, null)) is { } failed) return Answered(evt, start, failed);
        if (await ClientGoneAsync(http, evt)) return Answered(evt, start, Results.Empty);
        return Answered(evt, start, new ProblemResult(status, title, detail, evt.Id, headers));
    }

    /// <summary>Whether the caller left before its answer could be written (the stored event is then marked).</summary>
    private async ValueTask<bool> ClientGoneAsync(HttpContext http, HookEvent evt)
    {
        if (!http.RequestAborted.IsCancellationRequested) return false;
        await RecordNotDeliveredAsync(evt);
        return true;
    }

    /// <summary>Queues the follow-up that marks a stored event's answer as never delivered; the writer applies it.</summary>
    private async Task RecordNotDeliveredAsync(HookEvent evt)
    {
        evt.AnswerDelivered = false;
        try { await queue.WriteAndCommitAsync(IngestItem.AnswerNotDelivered(evt), CancellationToken.None); }
        // The writer has stopped or the database refuses: the event keeps what it recorded, nothing else can be done.
        catch (Exception ex) when (ex is not OperationCanceledException) { }
    }

    /// <returns>Null once committed; a 503 problem when the database cannot take the hook (WCS sees an interaction error).</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<IResult?> StoreAsync(IngestItem item)
    {
        try
        {
            await queue.WriteAndCommitAsync(item, CancellationToken.None);
            return null;
        }
        catch (StoreUnavailableException ex)
        {
            return new RetryLaterResult(ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Hook not stored",
                detail: "The portal could not store this hook, so it is not answered as accepted: " + ex.Message);
        }
    }

    private HookEvent NewEvent(HttpContext http, string app, string method, byte[] body)
    {
        var utf8 = Utf8.IsValid(body);
        return new HookEvent
        {
            ReceivedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
            App = app,
            Method = method,
            Kind = HookCatalogue.KindOf(method),
            // A UTF-8 body is stored from its bytes by the writer (no string round trip); others as base64 text.
            Body = utf8 ? null : Convert.ToBase64String(body),
            BodyEncoding = utf8 ? null : "base64",
            Headers = SerializeHeaders(http.Request.Headers),
            RemoteAddress = RemoteAddressOf(http.Connection.RemoteIpAddress),
        };
    }

    internal static void Identify(HookEvent evt, HookFields f)
    {
        evt.NodeId = f.NodeId;
        evt.AppKey = f.AppKey;
        evt.SessionId = f.SessionId;
        evt.MediaSessionId = f.MediaSessionId;
        evt.Name = f.Name;
        evt.Status = f.Status;
        evt.Info = f.Info;
        evt.Published = f.Published;
    }

    [ThreadStatic] private static (IPAddress Address, string Text)? t_lastAddress;

    /// <summary>The caller's address as text, made once per thread while the address stays the same (WCS's nodes).</summary>
    private static string? RemoteAddressOf(IPAddress? address)
    {
        if (address is null) return null;
        if (t_lastAddress is { } last && last.Address.Equals(address)) return last.Text;
        var text = address.ToString();
        t_lastAddress = (address, text);
        return text;
    }

    [ThreadStatic] private static ArrayBufferWriter<byte>? t_headersBuffer;
    [ThreadStatic] private static Utf8JsonWriter? t_headersWriter;

    /// <summary>
    /// The request headers as one JSON object, written straight from the header collection (its names are already
    /// unique) with a writer and buffer kept per thread: no dictionary or serializer state per hook.
    /// </summary>
    internal static string SerializeHeaders(IHeaderDictionary headers)
    {
        var buffer = t_headersBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_headersWriter ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        json.WriteStartObject();
        foreach (var (name, value) in headers)
        {
            json.WriteString(name, CredentialHeaders.StoredValue(name, value.ToString()));
        }
        json.WriteEndObject();
        json.Flush();
        // A node sends the same headers but for the body's length: most hooks' text was made before.
        return RepeatedStrings.Headers.Get(buffer.WrittenSpan);
    }

    internal static bool IsJsonContentType(string? contentType, out string problem)
    {
        problem = "";
        // What WCS sends, without parsing (a parse allocates a parameter list per hook).
        if (string.Equals(contentType, "application/json;charset=UTF-8", StringComparison.OrdinalIgnoreCase) ||
            string.Equals(contentType, "application/json", StringComparison.OrdinalIgnoreCase))
            return true;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            problem = "The request has no Content-Type; WCS sends 'application/json;charset=UTF-8'.";
            return false;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed) ||
            !string.Equals(parsed.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Content-Type '{contentType}' is not supported; send 'application/json' (WCS sends 'application/json;charset=UTF-8').";
            return false;
        }
        if (parsed.CharSet is { } charset && !charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"Charset '{charset}' is not supported; hook bodies must be UTF-8.";
            return false;
        }
        return true;
    }
}
