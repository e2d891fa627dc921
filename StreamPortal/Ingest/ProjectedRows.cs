using Microsoft.EntityFrameworkCore.Metadata;
using StreamPortal.Data.Entities;

namespace StreamPortal.Ingest;

/// <summary>The rows the writer projects hooks into, resolved from the EF model at start (see <see cref="RowShape{TRow}"/>).</summary>
internal sealed record ProjectedRows(RowShape<StreamInstance> Stream, RowShape<ClientSession> Session)
{
    public static ProjectedRows From(IModel model) => new(
        RowShape<StreamInstance>.From(model, nameof(StreamInstance.Status)),
        RowShape<ClientSession>.From(model, nameof(ClientSession.Status)));
}
