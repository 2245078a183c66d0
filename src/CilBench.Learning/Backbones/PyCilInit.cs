using CilBench.Torch;

namespace CilBench.Learning.Backbones;

/// <summary>PyCIL's ResNet initialisation: convolutions kaiming-normal (fan_out, relu), batch norms weight 1, bias 0.</summary>
internal static class PyCilInit
{
    public static void Apply(torch.nn.Module root)
    {
        foreach (var m in root.modules())
        {
            switch (m)
            {
                case torch.nn.Conv2d conv:
                    torch.nn.init.kaiming_normal_(conv.weight, mode: torch.nn.init.FanMode.FanOut, nonlinearity: "relu");
                    break;
                case torch.nn.BatchNorm2d { weight: { } w, bias: { } b }:
                    torch.nn.init.ones_(w);
                    torch.nn.init.zeros_(b);
                    break;
            }
        }
    }
}
