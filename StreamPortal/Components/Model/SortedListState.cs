namespace StreamPortal.Components.Model;

/// <summary>A list state that sorts by a column and maps to its query's filter (Streams, Sessions).</summary>
public interface ISortedListState<TSelf, TFilter> : IListState<TSelf> where TSelf : ISortedListState<TSelf, TFilter>
{
    string Sort { get; }
    bool Descending { get; }

    TSelf WithSort(string column, bool descending);

    TFilter ToFilter();
}
