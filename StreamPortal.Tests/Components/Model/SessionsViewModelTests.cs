using StreamPortal.Components.Model;
using StreamPortal.Data.Queries;
using StreamPortal.Live;
using StreamPortal.Wcs;

namespace StreamPortal.Tests.Components.Model;

public sealed class SessionsViewModelTests
{
    private readonly List<SessionFilter> _filters = [];

    private Task<PagedResult<SessionItem>> ListAsync(SessionFilter filter, int page, int pageSize, CancellationToken ct)
    {
        _filters.Add(filter);
        return Task.FromResult(new PagedResult<SessionItem>([], 0));
    }

    [Fact]
    public async Task Filters_and_sort_reach_the_query_and_only_session_changes_refresh()
    {
        var model = new SessionsViewModel(ListAsync);
        await model.ApplyAsync(new SessionsState { Status = SessionStatus.Established, Login = "bob", Q = "  ", Sort = "login", Descending = false }, default);
        var filter = _filters.Single();
        Assert.Equal((SessionStatus.Established, "bob", null, "login", false), (filter.Status, filter.Login, filter.Q, filter.Sort, filter.Descending));

        await model.SortAsync("lastSeen", descending: true, default);
        Assert.Equal(("lastSeen", true), (_filters[^1].Sort, _filters[^1].Descending));
        Assert.True(model.Wants([new CommittedBatch([], [], ["s1"])]));
        Assert.False(model.Wants([new CommittedBatch([], ["m1"], [])]));
    }
}
