using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Telepath.Hub.Data;

/// <summary>Stores an instant as its UTC ticks, so ordering and comparison in SQL are plain integer ones.</summary>
public sealed class DateTimeOffsetToUtcTicks() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
