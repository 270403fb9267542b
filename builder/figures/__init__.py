"""Figure builders: plain data (lists, dicts, numpy arrays) in, a plotly Figure out (or, where a chart must show
before Plotly's script has loaded, SVG text: `svg`). No streamlit, no torch.

The page draws what these return, reading them all from this one namespace (`figures.loss_figure`); tests check the
traces they contain. By concern: `network` (the architecture, activations), `samples` (the data), `training` (curves
and the network's health while it trains), `predictions` (what a trained model predicts), `style` (the shared look).
"""
from .network import ACTIVATION_FIGURES, activation_figure, architecture_figure, layered_positions
from .predictions import (boundary_figure, confusion_figure, reconstructions_figure, regression_figure,
                          worst_figure)
from .samples import feature_histograms, image_grid, is_image_shape, scatter_2d, scatter_svg, sequence_lines
from .style import (ERROR_RED, INK, MAX_POINTS, MUTED, PALETTE, decimate, shown_class, shown_classes,
                    shown_name)
from .training import (METRICS, compare_figure, comparison_figure, grad_norm_figure, gradient_flow_figure, histograms_figure,
                       hidden_state_figure, loss_figure, loss_svg, lr_figure, metric_figure, time_gradient_figure)

__all__ = ["ACTIVATION_FIGURES", "activation_figure", "architecture_figure", "layered_positions", "boundary_figure",
           "confusion_figure", "reconstructions_figure", "regression_figure", "worst_figure", "feature_histograms",
           "image_grid", "is_image_shape", "scatter_2d", "scatter_svg", "sequence_lines", "ERROR_RED", "INK", "MAX_POINTS", "MUTED",
           "PALETTE", "decimate", "shown_class", "shown_classes", "shown_name", "METRICS", "compare_figure", "comparison_figure", "grad_norm_figure", "gradient_flow_figure",
           "hidden_state_figure", "histograms_figure", "loss_figure", "loss_svg", "lr_figure", "metric_figure", "time_gradient_figure"]
