using Microsoft.EntityFrameworkCore;
using Telepath.Hub.Accounts;
using Telepath.Hub.Data;
using Telepath.Hub.Previews.Proxy;

namespace Telepath.Hub.Previews;

/// <summary>The previews of an organisation: made and listed by their owner's laptop, seen and changed on the dashboard.</summary>
public sealed class PreviewRegistry(HubDbContext db, TimeProvider time)
{
    public async Task<Preview> CreateAsync(OrganisationMember owner, PreviewCreationRequest request)
    {
        var now = time.GetUtcNow();
        var preview = new Preview
        {
            Id = PreviewId.New(),
            InterceptId = request.InterceptId!,
            InterceptName = request.InterceptName!,
            Workload = request.Workload!,
            Namespace = request.Namespace!,
            HeaderName = request.HeaderName!,
            HeaderValue = request.HeaderValue!,
            IngressHost = request.IngressHost!,
            IngressPort = request.IngressPort!.Value,
            IngressTls = request.IngressTls!.Value,
            IngressL5Host = string.IsNullOrEmpty(request.IngressL5Host) || request.IngressL5Host == request.IngressHost ? null : request.IngressL5Host,
            Visibility = request.Public == true ? PreviewVisibility.Public : PreviewVisibility.Private,
            OwnerUserId = owner.UserId,
            OrganisationId = owner.OrganisationId,
            CreatedAt = now,
            LastSeenAt = now,
        };
        db.Previews.Add(preview);
        await db.SaveChangesAsync();
        return preview;
    }

    /// <summary>The owner's active previews in this organisation; listing them renews their lease (the laptop is there).</summary>
    public async Task<IReadOnlyList<Preview>> MineAsync(OrganisationMember owner)
    {
        var now = time.GetUtcNow();
        var mine = Active(now).Where(p => p.OwnerUserId == owner.UserId && p.OrganisationId == owner.OrganisationId);
        await mine.ExecuteUpdateAsync(set => set.SetProperty(p => p.LastSeenAt, now));
        return await mine.OrderBy(p => p.CreatedAt).AsNoTracking().ToListAsync();
    }

    /// <summary>Every active preview of the organisation, with owner, for the dashboard.</summary>
    public async Task<IReadOnlyList<Preview>> OfOrganisationAsync(Guid organisationId) =>
        await Active(time.GetUtcNow())
            .Where(p => p.OrganisationId == organisationId)
            .Include(p => p.Owner)
            .OrderBy(p => p.CreatedAt)
            .AsNoTracking()
            .ToListAsync();

    /// <summary>An active preview as the proxy needs it, whatever its organisation (the proxy decides who may see it).</summary>
    public Task<PreviewTarget?> TargetAsync(string id) =>
        Active(time.GetUtcNow())
            .Where(p => p.Id == id)
            .Select(p => new PreviewTarget(
                p.Id,
                p.OrganisationId,
                p.Visibility,
                p.HeaderName,
                p.HeaderValue,
                p.IngressHost,
                p.IngressPort,
                p.IngressTls,
                p.IngressL5Host,
                p.Workload,
                p.Owner!.Email!,
                p.Organisation!.Name))
            .SingleOrDefaultAsync();

    public Task<PreviewChange> EndAsync(OrganisationMember member, string id) =>
        ChangeAsync(member, id, preview => preview.EndedAt = time.GetUtcNow());

    public Task<PreviewChange> SetVisibilityAsync(OrganisationMember member, string id, PreviewVisibility visibility) =>
        ChangeAsync(member, id, preview => preview.Visibility = visibility);

    private async Task<PreviewChange> ChangeAsync(OrganisationMember member, string id, Action<Preview> change)
    {
        var preview = await Active(time.GetUtcNow()).SingleOrDefaultAsync(p => p.Id == id && p.OrganisationId == member.OrganisationId);
        if (preview is null)
        {
            return PreviewChange.NotFound;
        }

        if (preview.OwnerUserId != member.UserId)
        {
            return PreviewChange.NotOwner;
        }

        change(preview);
        await db.SaveChangesAsync();
        return PreviewChange.Done;
    }

    private IQueryable<Preview> Active(DateTimeOffset now) => db.Previews.Where(PreviewLease.IsActive(now));
}
