namespace StreamPortal.Components.Model;

/// <summary>
/// What a list page shows, as a value: its filters, sort and page. Records, so that "is this what is shown already"
/// is an equality and the URL round trip can be tested as one.
/// </summary>
public interface IListState<TSelf> where TSelf : IListState<TSelf>
{
    /// <summary>1-based page.</summary>
    int Page { get; }

    TSelf WithPage(int page);
}
