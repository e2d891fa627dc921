using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Bench.Shared;
using StreamPortal.Wcs;
using Microsoft.Data.Sqlite;

// Fills a migrated StreamPortal database with N stored hooks (default 1,000,000) plus the stream and session rows
// the portal would have projected from them, in one transaction with prepared inserts: ingesting that many hooks
// over HTTP would take minutes on 2 cores and measure ingest again, not the pages.
// Traffic: lifecycles (publisher + player, ~200 hooks each, mostly keep-alives) over 4 app keys, interleaved
// 256 at a time, received over the last 7 days. Usage: Seed --db FILE [--events N] [--lifecycles L] --fixtures DIR;
// Seed --db FILE --count-live ID counts the events up to ID of sessions and streams that are not over.
var map = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) map[args[i].TrimStart('-')] = args[i + 1];
if (!map.TryGetValue("db", out var dbPath) || !File.Exists(dbPath))
{
    Console.Error.WriteLine("seed: --db must name an existing, migrated StreamPortal database file.");
    return 2;
}
if (map.TryGetValue("count-live", out var upToId))
{
    // Seed --db FILE --count-live ID: the events up to ID that belong to a session or stream that is not over (the
    // ones retention must keep however old), as "live_events: N". Statuses from the portal's own vocabulary.
    using var c = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
    c.Open();
    using var count = c.CreateCommand();
    count.CommandText = $"""
        SELECT COUNT(*) FROM Events WHERE Id <= $id AND (
            SessionId IN (SELECT SessionId FROM Sessions WHERE Status IS NULL OR Status NOT IN ({Words(SessionStatus.Ended)}))
            OR MediaSessionId IN (SELECT MediaSessionId FROM Streams WHERE Status IS NULL OR Status NOT IN ({Words(StreamStatus.Terminal)})))
        """;
    count.Parameters.AddWithValue("$id", long.Parse(upToId, CultureInfo.InvariantCulture));
    Console.WriteLine($"live_events: {count.ExecuteScalar()}");
    return 0;
}
var events = int.Parse(map.GetValueOrDefault("events", "1000000"), CultureInfo.InvariantCulture);
var lifecycleCount = int.Parse(map.GetValueOrDefault("lifecycles", Math.Max(1, events / 200).ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
var keepAlivePairs = Math.Max(1, (events / lifecycleCount - 16) / 2);
var generator = Lifecycles.Load(map.GetValueOrDefault("fixtures", "fixtures"));

var clock = Stopwatch.StartNew();
using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False");
connection.Open();
Exec(connection, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;");
var existing = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM Events"), CultureInfo.InvariantCulture);
var firstId = Convert.ToInt64(Scalar(connection, "SELECT COALESCE(MAX(Id), 0) FROM Events"), CultureInfo.InvariantCulture) + 1;

var streams = new Dictionary<string, StreamRow>(StringComparer.Ordinal);
var sessions = new Dictionary<string, SessionRow>(StringComparer.Ordinal);
// The streams of each session, so that a disconnect ends its streams without a pass over every stream (at 10M events,
// 100,000 sessions x 100,000 streams).
var streamsOfSession = new Dictionary<string, List<StreamRow>>(StringComparer.Ordinal);
var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
var span = 7L * 24 * 3600 * 1000;
var random = new Random(42);

using (var tx = connection.BeginTransaction())
{
    using var insert = connection.CreateCommand();
    insert.Transaction = tx;
    insert.CommandText = """
        INSERT INTO Events (Id, ReceivedAtMs, App, Method, Kind, NodeId, AppKey, SessionId, MediaSessionId, Name, Status, Info,
            Published, Body, BodyEncoding, Headers, RemoteAddress, AnswerStatus, AnswerBody, RuleId, RuleName, DelayMs,
            LatencyMs, Rejected, RejectReason)
        VALUES ($id, $at, 'my_api', $method, $kind, $nodeId, $appKey, $sessionId, $mediaSessionId, $name, $status, $info,
            $published, $body, NULL, $headers, '127.0.0.1', 200, NULL, NULL, NULL, 0, $latency, 0, NULL)
        """;
    var p = new Dictionary<string, SqliteParameter>();
    foreach (var name in new[] { "$id", "$at", "$method", "$kind", "$nodeId", "$appKey", "$sessionId", "$mediaSessionId", "$name", "$status", "$info", "$published", "$body", "$headers", "$latency" })
        p[name] = insert.Parameters.Add(new SqliteParameter(name, null));
    insert.Prepare();

    var written = 0;
    // A few spare lifecycles: some are shorter (their player drops), and the count must reach N exactly.
    foreach (var hook in generator.Sequence(0, lifecycleCount + lifecycleCount / 20 + 1, keepAlivePairs))
    {
        if (written == events) break;
        var id = firstId + written;
        var at = now - span + span * written / events;
        var f = Fields.Read(hook.Body);
        p["$id"].Value = id;
        p["$at"].Value = at;
        p["$method"].Value = hook.Method;
        p["$kind"].Value = Fields.KindOf(hook.Method);
        p["$nodeId"].Value = (object?)f.NodeId ?? DBNull.Value;
        p["$appKey"].Value = (object?)f.AppKey ?? DBNull.Value;
        p["$sessionId"].Value = (object?)f.SessionId ?? DBNull.Value;
        p["$mediaSessionId"].Value = (object?)f.MediaSessionId ?? DBNull.Value;
        p["$name"].Value = (object?)f.Name ?? DBNull.Value;
        p["$status"].Value = (object?)f.Status ?? DBNull.Value;
        p["$info"].Value = (object?)f.Info ?? DBNull.Value;
        p["$published"].Value = f.Published is { } pub ? pub : DBNull.Value;
        p["$body"].Value = hook.Body;
        p["$headers"].Value = $"{{\"Host\":\"127.0.0.1:5000\",\"Content-Type\":\"application/json;charset=UTF-8\",\"Accept\":\"application/json\",\"User-Agent\":\"Java/1.8.0_111\",\"Connection\":\"keep-alive\",\"Content-Length\":\"{hook.Body.Length}\"}}";
        p["$latency"].Value = 0.3 + random.NextDouble() * 1.5;
        insert.ExecuteNonQuery();
        Project(hook.Method, f, id, at);
        written++;
    }
    events = written;

    using var stream = connection.CreateCommand();
    stream.Transaction = tx;
    stream.CommandText = """
        INSERT OR REPLACE INTO Streams (MediaSessionId, Name, SessionId, AppKey, NodeId, Published, Status, Info, MediaProvider,
            HasAudio, HasVideo, Record, Width, Height, Bitrate, AudioCodec, VideoCodec, FirstSeenMs, LastSeenMs, LastEventId,
            EventCount, EndedWithSession, EndedByEventId)
        VALUES ($id, $name, $sessionId, $appKey, $nodeId, $published, $status, $info, 'WebRTC', 1, 1, 0, 0, 0, 0, 'opus', 'H264',
            $first, $last, $lastEvent, $count, $ended, $endedBy)
        """;
    foreach (var s in streams.Values)
    {
        stream.Parameters.Clear();
        stream.Parameters.AddWithValue("$id", s.Id);
        stream.Parameters.AddWithValue("$name", (object?)s.Name ?? DBNull.Value);
        stream.Parameters.AddWithValue("$sessionId", (object?)s.SessionId ?? DBNull.Value);
        stream.Parameters.AddWithValue("$appKey", (object?)s.AppKey ?? DBNull.Value);
        stream.Parameters.AddWithValue("$nodeId", (object?)s.NodeId ?? DBNull.Value);
        stream.Parameters.AddWithValue("$published", s.Published is { } b ? b : DBNull.Value);
        stream.Parameters.AddWithValue("$status", (object?)s.Status ?? DBNull.Value);
        stream.Parameters.AddWithValue("$info", (object?)s.Info ?? DBNull.Value);
        stream.Parameters.AddWithValue("$first", s.First);
        stream.Parameters.AddWithValue("$last", s.Last);
        stream.Parameters.AddWithValue("$lastEvent", s.LastEvent);
        stream.Parameters.AddWithValue("$count", s.Count);
        stream.Parameters.AddWithValue("$ended", s.EndedBy is null ? 0 : 1);
        stream.Parameters.AddWithValue("$endedBy", (object?)s.EndedBy ?? DBNull.Value);
        stream.ExecuteNonQuery();
    }

    using var session = connection.CreateCommand();
    session.Transaction = tx;
    session.CommandText = """
        INSERT OR REPLACE INTO Sessions (SessionId, AppKey, NodeId, Status, Origin, ClientVersion, ClientOsVersion,
            ClientBrowserVersion, MediaProviders, Custom, Login, RestClientConfig, ConnectedAtMs, DisconnectedAtMs,
            FirstSeenMs, LastSeenMs, EventCount)
        VALUES ($id, $appKey, $nodeId, $status, 'https://classroom.example.com', '2.0', NULL, NULL, '["WebRTC","MSE","WSPlayer"]',
            NULL, $login, NULL, $connected, $disconnected, $first, $last, $count)
        """;
    foreach (var s in sessions.Values)
    {
        session.Parameters.Clear();
        session.Parameters.AddWithValue("$id", s.Id);
        session.Parameters.AddWithValue("$appKey", (object?)s.AppKey ?? DBNull.Value);
        session.Parameters.AddWithValue("$nodeId", (object?)s.NodeId ?? DBNull.Value);
        session.Parameters.AddWithValue("$status", (object?)s.Status ?? DBNull.Value);
        session.Parameters.AddWithValue("$login", (object?)s.Login ?? DBNull.Value);
        session.Parameters.AddWithValue("$connected", (object?)s.Connected ?? DBNull.Value);
        session.Parameters.AddWithValue("$disconnected", (object?)s.Disconnected ?? DBNull.Value);
        session.Parameters.AddWithValue("$first", s.First);
        session.Parameters.AddWithValue("$last", s.Last);
        session.Parameters.AddWithValue("$count", s.Count);
        session.ExecuteNonQuery();
    }

    using var keys = connection.CreateCommand();
    keys.Transaction = tx;
    keys.CommandText = StreamPortal.Data.EventKeySql.Backfill;
    keys.ExecuteNonQuery();
    tx.Commit();
}
// The search index file beside the database, as the portal's background indexer would have written it by now (with
// the portal's own writer: its texts, keyed values, key vocabulary and marks; copies marked DuplicateOf have no row),
// so that a search on the seeded database measures the index, not a catch-up (about 76 s per 1,000,000 events while
// serving, bench/RESULTS.md). 8,192 events a transaction: the fastest to build (ninth session's measurements).
var indexClock = Stopwatch.StartNew();
using (var index = StreamPortal.Search.SearchIndexFile.OpenForWriting(StreamPortal.Search.SearchIndexFile.PathFor($"Data Source={dbPath}")!, out _))
{
    var writer = new StreamPortal.Search.SearchIndexWriter();
    writer.Load(index);
    while (writer.IndexBatch(connection, index, batchSize: 8192).More) { }
}
Exec(connection, "PRAGMA journal_mode=WAL;");
var total = Convert.ToInt64(Scalar(connection, "SELECT COUNT(*) FROM Events"), CultureInfo.InvariantCulture);
Console.WriteLine($"seed_events_written: {events}");
Console.WriteLine($"seed_events_total: {total} (was {existing})");
Console.WriteLine($"seed_streams: {streams.Count}");
Console.WriteLine($"seed_sessions: {sessions.Count}");
Console.WriteLine($"seed_seconds: {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}");
Console.WriteLine($"seed_search_index_seconds: {indexClock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)}");
Console.WriteLine($"seed_db_mb: {new FileInfo(dbPath).Length / 1048576}");
return 0;

void Project(string method, Fields f, long id, long at)
{
    if (f.MediaSessionId is { } msid)
    {
        if (!streams.TryGetValue(msid, out var s)) streams[msid] = s = new StreamRow { Id = msid, First = at };
        if (s.SessionId is null && f.SessionId is { } owner)
        {
            if (!streamsOfSession.TryGetValue(owner, out var list)) streamsOfSession[owner] = list = [];
            list.Add(s);
        }
        s.Name ??= f.Name; s.SessionId ??= f.SessionId; s.AppKey ??= f.AppKey; s.NodeId ??= f.NodeId; s.Published ??= f.Published;
        if (f.Status is not null && !StreamStatus.IsTerminal(s.Status)) { s.Status = f.Status; s.Info = f.Info ?? s.Info; }
        s.Last = at; s.LastEvent = id; s.Count++;
    }
    if (f.SessionId is not { } sid) return;
    if (!sessions.TryGetValue(sid, out var c)) sessions[sid] = c = new SessionRow { Id = sid, First = at };
    c.AppKey ??= f.AppKey; c.NodeId ??= f.NodeId; c.Login ??= method == WcsMethod.Connect ? f.Login : null;
    if (method == WcsMethod.Connect) c.Status = SessionStatus.Connecting;
    if (method == WcsMethod.ConnectionStatusEvent)
    {
        c.Status = f.Status;
        if (f.Status == SessionStatus.Established) c.Connected ??= at;
        if (SessionStatus.EndsStreams(f.Status))
        {
            c.Disconnected ??= at;
            foreach (var s in streamsOfSession.GetValueOrDefault(sid, []).Where(s => !StreamStatus.IsTerminal(s.Status)))
            {
                s.Status = StreamStatus.EndedWithSession(s.Published);
                s.Info = "Ended with session";
                s.EndedBy = id;
            }
        }
    }
    c.Last = at; c.Count++;
}

static string Words(IEnumerable<string> words) => string.Join(", ", words.Select(w => $"'{w}'"));

static void Exec(SqliteConnection c, string sql)
{
    using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
    cmd.ExecuteNonQuery();
}

static object? Scalar(SqliteConnection c, string sql)
{
    using var cmd = c.CreateCommand();
    cmd.CommandText = sql;
    return cmd.ExecuteScalar();
}

internal sealed class StreamRow
{
    public required string Id;
    public string? Name, SessionId, AppKey, NodeId, Status, Info;
    public bool? Published;
    public long First, Last, LastEvent;
    public long? EndedBy;
    public int Count;
}

internal sealed class SessionRow
{
    public required string Id;
    public string? AppKey, NodeId, Status, Login;
    public long? Connected, Disconnected;
    public long First, Last;
    public int Count;
}

internal sealed record Fields(string? NodeId, string? AppKey, string? SessionId, string? MediaSessionId, string? Name,
    string? Status, string? Info, bool? Published, string? Login)
{
    public static Fields Read(string body)
    {
        using var doc = JsonDocument.Parse(body);
        var r = doc.RootElement;
        string? S(string name) => r.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool? B(string name) => r.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
        var login = r.TryGetProperty("custom", out var custom) && custom.ValueKind == JsonValueKind.Object &&
                    custom.TryGetProperty("login", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
        return new Fields(S("nodeId"), S("appKey"), S("sessionId"), S("mediaSessionId"), S("name"), S("status"), S("info"), B("published"), login);
    }

    /// <summary>HookKind as the portal stores it (its number).</summary>
    public static int KindOf(string method) => (int)HookCatalogue.KindOf(method);
}
