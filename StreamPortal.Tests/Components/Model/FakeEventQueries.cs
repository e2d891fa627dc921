using StreamPortal.Data.Queries;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Model;

/// <summary>
/// Stored events in memory with the filters the Events view model uses (method, answer status, AfterId), and a log of
/// what was queried, so that tests see both what the model shows and what it asked for.
/// </summary>
internal sealed class FakeEventQueries
{
    private readonly List<EventItem> _stored = [];

    public List<(EventFilter Filter, int Page, int PageSize)> Lists { get; } = [];
    public List<EventFilter> Counts { get; } = [];

    public EventItem Add(string method = "publishStream", int answer = 200)
    {
        var item = new EventItem(_stored.Count + 1, DateTimeOffset.UnixEpoch.AddSeconds(_stored.Count), "my_api", method,
            HookCatalogue.KindOf(method), "defaultApp", null, "s1", null, null, null, null, null, answer, null, null, 0, 1, false, null);
        _stored.Add(item);
        return item;
    }

    /// <summary>An event whose id is below the newest stored: committed late by another instance of a cluster.</summary>
    public EventItem AddWithId(long id)
    {
        var item = Add() with { Id = id };
        _stored[^1] = item;
        return item;
    }

    public IReadOnlyList<EventItem> AddMany(int count, string method = "publishStream") =>
        Enumerable.Range(0, count).Select(_ => Add(method)).ToList();

    /// <summary>What the writer tells the feed after a commit.</summary>
    public static IReadOnlyList<CommittedBatch> Batch(params EventItem[] items) =>
        [new CommittedBatch(items.Select(i => new EventSummary(i.Id, 0, i.App, i.Method, i.Kind, i.AppKey, i.SessionId, i.MediaSessionId,
            i.Name, i.Status, i.AnswerStatus, i.RuleId, i.RuleName, i.LatencyMs, false, null)).ToList(), [], [])];

    public Task<PagedResult<EventItem>> ListAsync(EventFilter filter, int page, int pageSize, CancellationToken ct)
    {
        Lists.Add((filter, page, pageSize));
        var matching = Matching(filter).ToList();
        // Counted as EventQueries counts: up to its cap.
        return Task.FromResult(ListCount.Page<EventItem>(matching.Skip((page - 1) * pageSize).Take(pageSize).ToList(), matching.Count));
    }

    public Task<int> CountAsync(EventFilter filter, CancellationToken ct)
    {
        Counts.Add(filter);
        return Task.FromResult(Matching(filter).Count());
    }

    private IEnumerable<EventItem> Matching(EventFilter f) => _stored
        .Where(e => f.Method is null || e.Method == f.Method)
        .Where(e => f.AnswerStatus is null || e.AnswerStatus == f.AnswerStatus)
        .Where(e => f.AfterId is null || e.Id > f.AfterId)
        .OrderByDescending(e => e.Id);
}
