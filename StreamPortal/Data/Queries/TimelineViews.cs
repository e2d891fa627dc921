namespace StreamPortal.Data.Queries;

/// <summary>Whose hooks a timeline shows: one stream instance or one session.</summary>
public sealed record TimelineScope(string? MediaSessionId = null, string? SessionId = null);

/// <summary>
/// Consecutive keep-alives between two other hooks, shown as one row ("×352, 15:29-15:55"). <see cref="Last"/> is
/// the newest of them, the one the row opens.
/// </summary>
public sealed record KeepAliveRun(int Count, DateTimeOffset From, DateTimeOffset To, EventItem Last);

/// <summary>A timeline row: one hook, or a run of keep-alives.</summary>
public sealed record TimelineEntry(EventItem? Event, KeepAliveRun? Run)
{
    public long Id => Event?.Id ?? Run!.Last.Id;
}

/// <summary>
/// One page of a timeline, oldest first. Collapsed, a page holds <see cref="TimelineQueries.PageSize"/> hooks other
/// than keep-alives with the runs of keep-alives around them; expanded, that many hooks of any kind.
/// </summary>
public sealed record TimelinePage(IReadOnlyList<TimelineEntry> Entries, int Page, int PageCount, int Hooks, int KeepAlives);
