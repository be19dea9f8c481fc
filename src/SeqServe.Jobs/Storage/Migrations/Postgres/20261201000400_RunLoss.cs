using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SeqServe.Jobs.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunLoss : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "Loss",
                table: "runs",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Loss",
                table: "runs");
        }
    }
}
