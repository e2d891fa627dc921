using StreamPortal.Anomalies;
using StreamPortal.Data.Queries;
using StreamPortal.Live;

namespace StreamPortal.Components.Model;

/// <summary>
/// Stored anomalies, newest first, server-paged. Hook batches do not refresh it: anomalies change when the detector
/// stores them (<see cref="AnomalyFeed"/>), which the page follows.
/// </summary>
public sealed class AnomaliesViewModel(Func<AnomalyFilter, int, int, CancellationToken, Task<PagedResult<AnomalyItem>>> list)
    : LiveListModel<AnomalyItem, AnomaliesState>(new AnomaliesState())
{
    public AnomaliesViewModel(AnomalyQueries queries) : this(queries.ListAsync) { }

    public override bool Wants(IReadOnlyList<CommittedBatch> batches) => false;

    protected override Task<PagedResult<AnomalyItem>> QueryAsync(AnomaliesState state, int page, CancellationToken ct) =>
        list(state.ToFilter(), page, PageSize, ct);

    /// <summary>Where a subject's link goes: its stream, its session, or the streams of its node.</summary>
    public static string SubjectHref(AnomalyItem a) => a.SubjectType switch
    {
        AnomalySubject.Stream => Controls.Display.StreamHref(a.Subject),
        AnomalySubject.Session => Controls.Display.SessionHref(a.Subject),
        _ => ConsoleUrls.Streams(new StreamsState { NodeId = a.Subject }),
    };
}
