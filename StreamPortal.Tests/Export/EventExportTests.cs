using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using StreamPortal.Export;
using StreamPortal.Tests.Shared;

namespace StreamPortal.Tests.Export;

public sealed class EventExportTests : PortalTest
{
    private static async Task<List<JsonObject>> NdjsonAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/events/export?format=ndjson&" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        Assert.StartsWith("application/x-ndjson", response.Content.Headers.ContentType!.ToString());
        var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues("X-Total-Count").Single());
        return rows;
    }

    private static async Task<List<EventExportRow>> CsvAsync(HttpClient api, string query)
    {
        var response = await api.GetAsync("/api/events/export?format=csv&" + query);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType!.ToString());
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var csv = EventCsv.Reader(stream);
        return [.. csv.GetRecords<EventExportRow>()];
    }

    [Fact]
    public async Task Ndjson_and_csv_exports_give_the_rows_of_the_list_for_the_same_filter()
    {
        var hooks = Factory.CreateClient();
        for (var i = 0; i < 6; i++)
            await hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"exp-{i}", "s-exp", i % 2 == 0 ? "even" : "odd", i < 4 ? "PUBLISHING" : "UNPUBLISHED"));
        await hooks.PostHookAsync("connect", HookClient.ConnectionHook("s-exp"));
        await hooks.PostRawHookAsync("StreamStatusEvent", "{not json");
        var api = Factory.CreateApiClient();

        foreach (var query in new[] { "stream=even", "status=PUBLISHING", "kind=event&rejected=false", "rejected=true", "" })
        {
            var list = (await api.GetItemsAsync("/api/events?pageSize=500&" + query)).Select(n => n!.AsObject()).ToList();
            Assert.NotEmpty(list);
            var ndjson = await NdjsonAsync(api, query);
            var csv = await CsvAsync(api, query);
            Assert.Equal(list.Select(Id), ndjson.Select(Id));
            Assert.Equal(list.Select(Id), csv.Select(r => r.Id));
            foreach (var (item, line) in list.Zip(ndjson))
                foreach (var (name, value) in item)
                    Assert.True(JsonNode.DeepEquals(value, line[name]), $"{query}: ndjson {name} {line[name]} is not the list's {value}");
            foreach (var (item, row) in list.Zip(csv))
            {
                Assert.Equal(item["method"]!.GetValue<string>(), row.Method);
                Assert.Equal(item["status"]?.GetValue<string>(), row.Status);
                Assert.Equal(item["name"]?.GetValue<string>(), row.Name);
                Assert.Equal(item["login"]?.GetValue<string>(), row.Login);
                Assert.Equal(item["answerStatus"]!.GetValue<int>(), row.AnswerStatus);
                Assert.Equal(item["rejected"]!.GetValue<bool>(), row.Rejected);
                Assert.Equal(item["receivedAt"]!.GetValue<DateTimeOffset>(), row.ReceivedAt);
                Assert.Equal(item["latencyMs"]!.GetValue<double>(), row.LatencyMs);
            }
        }
    }

    private static long Id(JsonNode? n) => n!["id"]!.GetValue<long>();

    [Fact]
    public async Task Csv_round_trips_commas_quotes_and_line_breaks()
    {
        var hooks = Factory.CreateClient();
        var body = HookClient.StreamHook("csv-1", "s-csv", "name, with \"quotes\"", "FAILED");
        body["info"] = "line one, \"quoted\"\r\nline two\nline three";
        await hooks.PostHookAsync("StreamStatusEvent", body);
        var api = Factory.CreateApiClient();

        var row = Assert.Single(await CsvAsync(api, "sessionId=s-csv"));
        Assert.Equal("name, with \"quotes\"", row.Name);
        Assert.Equal("line one, \"quoted\"\r\nline two\nline three", row.Info);
        var detail = await api.GetObjectAsync($"/api/events/{row.Id}");
        Assert.Equal(detail["rawBody"]!.GetValue<string>(), row.Body);
        Assert.Null(row.RuleName);
        Assert.Null(row.ReplayOf);
    }

    [Fact]
    public async Task Bad_format_and_bad_filters_are_problems()
    {
        var api = Factory.CreateApiClient();
        var response = await api.GetAsync("/api/events/export?format=xml&kind=bogus&answerStatus=9");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(problem.ContainsKey("format"));
        Assert.True(problem.ContainsKey("kind"));
        Assert.True(problem.ContainsKey("answerStatus"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.CreateClient().GetAsync("/api/events/export")).StatusCode);
    }

    [Fact]
    public async Task The_export_reads_the_events_a_page_at_a_time_by_keyset()
    {
        const int count = EventExporter.PageSize * 2 + 37;
        var hooks = Factory.CreateClient();
        for (var done = 0; done < count; done += 50)
            await Task.WhenAll(Enumerable.Range(done, Math.Min(50, count - done)).Select(i =>
                hooks.PostHookAsync("StreamStatusEvent", HookClient.StreamHook($"keyset-{i}", "s-keyset", "keyset", "PUBLISHING"))));
        var api = Factory.CreateApiClient();

        using var commands = new EventCommandRecorder(Factory.DatabasePath);
        var rows = await NdjsonAsync(api, "stream=keyset");

        Assert.Equal(count, rows.Count);
        var ids = rows.Select(Id).ToList();
        Assert.Equal(ids.OrderByDescending(x => x), ids);
        Assert.Equal(count, ids.Distinct().Count());
        // One bounded query per page, each starting below the last id of the page before: never all rows at once.
        var pages = commands.Texts.Where(t => t.Contains("LIMIT", StringComparison.Ordinal) && t.Contains("\"Body\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.DoesNotContain("\"e\".\"Id\" < ", pages[0]);
        Assert.All(pages.Skip(1), p => Assert.Contains("\"e\".\"Id\" < ", p));
    }

    /// <summary>The SQL that EF runs on one database file while the recorder lives (other test classes use other files).</summary>
    private sealed class EventCommandRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _databasePath;
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<string> _texts = [];

        public EventCommandRecorder(string databasePath)
        {
            _databasePath = databasePath;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public IReadOnlyList<string> Texts { get { lock (_texts) return [.. _texts]; } }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == "Microsoft.EntityFrameworkCore") lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key != "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting") return;
            if (value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data &&
                data.Command.Connection?.DataSource is { } source && Path.GetFullPath(source) == Path.GetFullPath(_databasePath))
                lock (_texts) _texts.Add(data.Command.CommandText);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
        }
    }
}
