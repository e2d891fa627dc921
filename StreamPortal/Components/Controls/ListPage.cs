using StreamPortal.Components.Model;

namespace StreamPortal.Components.Controls;

/// <summary>
/// A live list page: its view model shows what the URL says, follows the hook feed, and every change the user makes
/// goes to the model and then to the address bar. Pages only name their model, parser and URL builder
/// (<see cref="ConsoleUrls"/>) and declare their query parameters.
/// </summary>
public abstract class ListPage<TModel, TItem, TState> : LivePage
    where TModel : LiveListModel<TItem, TState>
    where TState : class, IListState<TState>, IEquatable<TState>
{
    protected TModel Model { get; private set; } = default!;

    protected abstract TModel CreateModel();
    protected abstract TState Parse(string uri);
    protected abstract string UrlOf(TState state);

    protected override void OnInitialized() => Model = CreateModel();

    protected override async Task OnParametersSetAsync()
    {
        if (await Model.ApplyAsync(Parse(Navigation.Uri), Disposed)) ShowInUrl(UrlOf(Model.State), replace: true);
        await FollowAsync(Model.Wants, () => Model.RefreshAsync(Disposed));
    }

    protected async Task SetAsync(Func<TState, TState> change)
    {
        if (await Model.ChangeAsync(change, Disposed)) ShowInUrl(UrlOf(Model.State));
    }

    protected async Task GoToPageAsync(int page)
    {
        if (await Model.GoToPageAsync(page, Disposed)) ShowInUrl(UrlOf(Model.State));
    }
}
