namespace StreamPortal.Components.Model;

/// <summary>
/// What the Events page shows beyond its filters: whether it is paused and which hook's drawer is open. Kept in the
/// URL (<see cref="ConsoleUrls.Events(EventsState, EventsView?)"/>), apart from <see cref="EventsState"/> because a
/// change of either must not reload the rows.
/// </summary>
public sealed record EventsView(bool Paused = false, long? EventId = null);
