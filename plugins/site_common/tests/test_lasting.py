"""Values kept between builds: made again exactly when what they are made from changes."""

from pelican.plugins.site_common.lasting import Lasting


def test_a_value_is_made_once_while_its_inputs_stay_equal():
    made = []
    lasting = Lasting()

    def make():
        made.append(1)
        return len(made)

    assert lasting.get("post", ("text", 1), make) == 1
    assert lasting.get("post", ("text", 1), make) == 1
    assert lasting.get("post", ("other text", 1), make) == 2
    assert lasting.get("other post", ("text", 1), make) == 3
    # The last value of each name is kept, and only names something was made for.
    assert lasting.get("post", ("other text", 1), make) == 2
    assert lasting.names() == ["post", "other post"]
    assert "post" in lasting and "never made" not in lasting
