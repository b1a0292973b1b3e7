// A Go program on the committed Go SDK, required by its module path (go.mod; a replace onto the clone stands in for
// the module proxy), run through Go's Automation API (no Go language host needed) against the org the environment
// names: getTeam, a request type owned by that team, `up`, a preview that must show no changes, `destroy`. Prints one
// JSON line of what each step did. Used by tests/nativeGoSdk.e2e.test.ts, with PULUMI_HOME (the plugin installed),
// the backend and the passphrase set.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	okta "github.com/pulumi-okta-dynamic/pulumi-okta-dynamic/native/sdk/go/oktadynamic"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func program(ctx *pulumi.Context) error {
	it, err := okta.GetTeam(ctx, &okta.GetTeamArgs{Name: "IT"})
	if err != nil {
		return err
	}
	rt, err := okta.NewRequestType(ctx, "access", &okta.RequestTypeArgs{
		Name:    pulumi.String(os.Getenv("REQUEST_TYPE_NAME")),
		OwnerId: pulumi.String(it.Id),
		ResourceSettings: okta.ResourceSettingsArgs{
			Type:            pulumi.String("GROUPS"),
			TargetResources: okta.TargetResourceArray{okta.TargetResourceArgs{ResourceId: pulumi.String(os.Getenv("GROUP_ID"))}},
		},
		ApprovalSettings: okta.ApprovalSettingsArgs{
			Type:      pulumi.String("SERIAL"),
			Approvals: okta.ApprovalArray{okta.ApprovalArgs{ApproverType: pulumi.String("MANAGER")}},
		},
		Status: pulumi.String("ACTIVE"),
	})
	if err != nil {
		return err
	}
	ctx.Export("requestTypeId", rt.ID())
	return nil
}

func main() {
	if err := run(context.Background()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(ctx context.Context) error {
	project := workspace.Project{Name: "okta-native-go", Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "okta-native-go", program, auto.Project(project), auto.WorkDir(os.Getenv("WORK_DIR")))
	if err != nil {
		return err
	}
	if err := stack.SetConfig(ctx, "oktadynamic:orgUrl", auto.ConfigValue{Value: os.Getenv("ORG_URL")}); err != nil {
		return err
	}
	if err := stack.SetConfig(ctx, "oktadynamic:apiToken", auto.ConfigValue{Value: os.Getenv("TOKEN"), Secret: true}); err != nil {
		return err
	}
	up, err := stack.Up(ctx)
	if err != nil {
		return err
	}
	preview, err := stack.Preview(ctx, optpreview.ExpectNoChanges())
	if err != nil {
		return fmt.Errorf("the preview after up: %w", err)
	}
	destroy, err := stack.Destroy(ctx)
	if err != nil {
		return err
	}
	out, _ := json.Marshal(map[string]any{
		"up":            up.Summary.ResourceChanges,
		"requestTypeId": up.Outputs["requestTypeId"].Value,
		"preview":       preview.ChangeSummary,
		"destroy":       destroy.Summary.ResourceChanges,
	})
	fmt.Println(string(out))
	return nil
}
