"""Chart styles: template colours and what happens past the palette's end."""


def it_gives_every_series_of_a_long_legend_its_own_colour() -> None:
    from briefing.charts.style import ChartStyle

    style = ChartStyle(series_colours=("#1F6F6A", "#DDAA33", "#332288"))
    colours = [style.series_colour(i) for i in range(9)]
    assert len(set(colours)) == 9
    assert colours[:3] == ["#1F6F6A", "#DDAA33", "#332288"]
