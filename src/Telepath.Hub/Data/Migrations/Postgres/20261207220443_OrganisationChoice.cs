using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Telepath.Hub.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrganisationChoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RequestedOrganisation",
                table: "DeviceAuthorizations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CurrentOrganisationId",
                table: "AspNetUsers",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RequestedOrganisation",
                table: "DeviceAuthorizations");

            migrationBuilder.DropColumn(
                name: "CurrentOrganisationId",
                table: "AspNetUsers");
        }
    }
}
